package dev.meridian.core;

/** Trading session labels (DESIGN.md: the overlap windows win over the plain windows). */
public enum SessionLabel { ASIA, ASIA_EU, EU, EU_US, US, OFF_HOURS }
