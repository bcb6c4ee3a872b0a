package dev.meridian.core;

/** The strategy modes of the spec. AUTO is not a mode: it lets the strategy manager choose one. */
public enum Mode { SCALP, INTRADAY_TREND, SWING, MEAN_REVERSION, OPTIONS }
