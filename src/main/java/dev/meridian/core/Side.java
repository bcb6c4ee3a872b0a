package dev.meridian.core;

/** Order and position side. A long position is opened with BUY and closed with SELL. */
public enum Side {
    BUY, SELL;

    public Side opposite() { return this == BUY ? SELL : BUY; }

    /** +1 for BUY, -1 for SELL: the sign a fill of this side gives a signed quantity. */
    public int sign() { return this == BUY ? 1 : -1; }
}
