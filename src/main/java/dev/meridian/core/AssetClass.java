package dev.meridian.core;

/** The four sub-ledgers of the portfolio. Names are the public API's enumeration values. */
public enum AssetClass { SPOT, PERP, OPTIONS, FOREX }
