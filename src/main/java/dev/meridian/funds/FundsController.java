package dev.meridian.funds;

import dev.meridian.core.AssetClass;
import dev.meridian.core.Mode;

import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Applies a partial change (the API's {@code PUT /api/funds} body) to a {@link FundsState}. Either
 * every given field is valid and the whole change applies, or nothing changes and the error names
 * the first bad field. Percent in the API ({@code max_pair_pct: 10}), fractions inside.
 * {@link #toApi} is the inverse view.
 */
public final class FundsController {
    private FundsController() {
    }

    /** The new state, or an error naming the bad field. */
    public record Result(FundsState state, String error) {
        public boolean ok() { return error == null; }
    }

    /** The dropdown's choices for max pair %. */
    public static final List<Integer> MAX_PAIR_PCT_CHOICES = List.of(1, 2, 5, 10);

    private static final Set<String> FIELDS = Set.of("allow_funds", "paused", "asset_classes", "max_pair_pct", "strategy_mode");

    public static Result apply(FundsState s, Map<String, Object> change) {
        if (change == null || change.isEmpty()) return new Result(null, "body must be a JSON object with at least one of " + FIELDS);
        for (String k : change.keySet()) {
            if (!FIELDS.contains(k)) return new Result(null, "unknown field '" + k + "'; allowed: " + FIELDS);
        }
        boolean allow = s.allowFunds();
        boolean paused = s.paused();
        Map<AssetClass, Boolean> classes = new EnumMap<>(s.assetClasses());
        BigDecimal pair = s.maxPairFraction();
        Optional<Mode> mode = s.strategyMode();
        if (change.containsKey("allow_funds")) {
            if (!(change.get("allow_funds") instanceof Boolean b)) return bad("allow_funds", "must be true or false", change.get("allow_funds"));
            allow = b;
        }
        if (change.containsKey("paused")) {
            if (!(change.get("paused") instanceof Boolean b)) return bad("paused", "must be true or false", change.get("paused"));
            paused = b;
        }
        if (change.containsKey("asset_classes")) {
            if (!(change.get("asset_classes") instanceof Map<?, ?> m)) return bad("asset_classes", "must be an object like {\"SPOT\": true}", change.get("asset_classes"));
            for (Map.Entry<?, ?> e : m.entrySet()) {
                AssetClass c;
                try {
                    c = AssetClass.valueOf(String.valueOf(e.getKey()));
                } catch (IllegalArgumentException ex) {
                    return bad("asset_classes." + e.getKey(), "is not an asset class (SPOT, PERP, OPTIONS, FOREX)", e.getKey());
                }
                if (!(e.getValue() instanceof Boolean b)) return bad("asset_classes." + c, "must be true or false", e.getValue());
                classes.put(c, b);
            }
        }
        if (change.containsKey("max_pair_pct")) {
            Object v = change.get("max_pair_pct");
            if (!(v instanceof Number n) || !MAX_PAIR_PCT_CHOICES.contains(intOrMinus(n))) {
                return bad("max_pair_pct", "must be one of " + MAX_PAIR_PCT_CHOICES, v);
            }
            pair = BigDecimal.valueOf(intOrMinus(n)).movePointLeft(2);
        }
        if (change.containsKey("strategy_mode")) {
            Object v = change.get("strategy_mode");
            String name = v == null ? "" : String.valueOf(v).toUpperCase(Locale.ROOT);
            if (name.equals("AUTO")) {
                mode = Optional.empty();
            } else {
                try {
                    mode = Optional.of(Mode.valueOf(name));
                } catch (IllegalArgumentException ex) {
                    return bad("strategy_mode", "must be AUTO, SCALP, INTRADAY_TREND, SWING, MEAN_REVERSION or OPTIONS", v);
                }
            }
        }
        return new Result(new FundsState(allow, paused, classes, pair, mode), null);
    }

    /** The API's JSON shape of a state (snake_case, percent). */
    public static Map<String, Object> toApi(FundsState s) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("allow_funds", s.allowFunds());
        out.put("paused", s.paused());
        Map<String, Object> classes = new LinkedHashMap<>();
        for (AssetClass c : AssetClass.values()) classes.put(c.name(), s.enabled(c));
        out.put("asset_classes", classes);
        BigDecimal pct = s.maxPairFraction().movePointRight(2).stripTrailingZeros();
        out.put("max_pair_pct", pct.scale() < 0 ? pct.setScale(0) : pct);
        out.put("strategy_mode", s.strategyMode().map(Enum::name).orElse("AUTO"));
        return out;
    }

    private static int intOrMinus(Number n) {
        double d = n.doubleValue();
        return d == Math.rint(d) ? (int) d : -1;
    }

    private static Result bad(String field, String rule, Object got) {
        return new Result(null, field + " " + rule + ", got " + (got instanceof String ? "\"" + got + "\"" : got));
    }
}
