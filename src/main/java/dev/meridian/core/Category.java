package dev.meridian.core;

/** Bybit V5 product categories we stream and trade; {@code wire()} is the name in URLs and requests. */
public enum Category {
    SPOT, LINEAR, OPTION;

    public String wire() { return name().toLowerCase(java.util.Locale.ROOT); }

    public AssetClass assetClass() {
        return switch (this) {
            case SPOT -> AssetClass.SPOT;
            case LINEAR -> AssetClass.PERP;
            case OPTION -> AssetClass.OPTIONS;
        };
    }
}
