package dev.meridian.core;

/** Market "weather" as the regime detector classifies it. */
public enum Regime { TREND_UP, TREND_DOWN, RANGE, VOLATILE }
