package dev.meridian.exchange;

import dev.meridian.core.AssetClass;
import io.vertx.core.Future;

import java.math.BigDecimal;
import java.util.Map;

/**
 * Where LIVE wallet balances come from: one implementation per venue connector (Bybit's
 * wallet-balance endpoint and private {@code wallet} topic; OANDA's account summary, its NAV). Balances are in USD (quote) per venue name; {@link #venueOf()} says which venue holds
 * each asset class's funds.
 */
public interface WalletBalanceSource {
    Future<Map<String, BigDecimal>> balances();

    Map<AssetClass, String> venueOf();

    /**
     * {@code s}, with {@code also} held by the same venue as its own classes: Bybit's unified account
     * backs SPOT, and PERP and OPTIONS when their venues trade, from one balance.
     */
    static WalletBalanceSource sharing(WalletBalanceSource s, java.util.Set<AssetClass> also) {
        String venue = s.venueOf().values().iterator().next();
        Map<AssetClass, String> venueOf = new java.util.EnumMap<>(s.venueOf());
        also.forEach(c -> venueOf.put(c, venue));
        Map<AssetClass, String> fixed = Map.copyOf(venueOf);
        return new WalletBalanceSource() {
            @Override public Future<Map<String, BigDecimal>> balances() { return s.balances(); }

            @Override public Map<AssetClass, String> venueOf() { return fixed; }
        };
    }

    /**
     * Several venues as one source (Bybit for SPOT/PERP/OPTIONS and OANDA for FOREX): the balances
     * of all, or a failure when any cannot answer, so one venue's hiccup never reads as a zero
     * balance that would shrink its sub-ledgers' caps; the sync tries again next time.
     */
    static WalletBalanceSource of(java.util.List<WalletBalanceSource> sources) {
        java.util.List<WalletBalanceSource> all = java.util.List.copyOf(sources);
        if (all.size() == 1) return all.get(0);
        return new WalletBalanceSource() {
            @Override
            public Future<Map<String, BigDecimal>> balances() {
                java.util.List<Future<Map<String, BigDecimal>>> each = all.stream().map(WalletBalanceSource::balances).toList();
                return Future.all(each).map(done -> {
                    Map<String, BigDecimal> merged = new java.util.LinkedHashMap<>();
                    each.forEach(f -> merged.putAll(f.result()));
                    return merged;
                });
            }

            @Override
            public Map<AssetClass, String> venueOf() {
                Map<AssetClass, String> merged = new java.util.EnumMap<>(AssetClass.class);
                all.forEach(s -> merged.putAll(s.venueOf()));
                return merged;
            }
        };
    }
}
