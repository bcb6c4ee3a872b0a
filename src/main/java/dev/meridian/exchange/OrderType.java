package dev.meridian.exchange;

/** How an order meets the book: at once at the best prices (MARKET), or at a price or better (LIMIT). */
public enum OrderType { MARKET, LIMIT }
