package dev.meridian.strategy;

import dev.meridian.core.AssetClass;
import dev.meridian.core.Bar;
import dev.meridian.core.ForexPair;
import dev.meridian.core.Mode;
import dev.meridian.core.Regime;
import dev.meridian.core.SessionLabel;
import dev.meridian.core.Side;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One symbol's strategy manager on the strategy timeframe: it updates the shared {@link Features}
 * on every bar, manages the open position with the rules of the mode that opened it, and when flat
 * lets its {@link ModeChooser} pick, among the allowed modes whose setups fire, the one to enter
 * with (the dashboard's Strategy Mode, when forced, takes that choice away from it).
 *
 * <p>Shortable asset classes (PERP, FOREX) also read every mode's rules on the mirrored market
 * ({@link FeatureView#mirrored()}): a mode's short setup is its long setup upside down, and a mode
 * whose long and short setups fire on the same bar is left out as contradictory. Exit order for an
 * open position: stop (close at or beyond the stop), take-profit (close at or beyond entry ±
 * rewardRisk × stop distance × the entry session's tp_mult), the mode's own exit signal (mirrored
 * for a short), then the time stop. Entries need: a non-warm-up bar, ready features, a warm regime
 * reading, no entry block (stale data, forex closed), a chosen mode whose setup fires, and a stop
 * on the losing side of the entry at a positive price (a forex stop at least
 * {@link ForexPair#MIN_STOP_PIPS} pips away). The chooser is consulted only when none of those rules has already said no.
 * Deterministic: the same bars, contexts and chooser state give the same intents. Not thread-safe.
 */
public final class SymbolTrader {
    /** The session's say over a trade: modes it allows (with the asset class) and its exit multipliers. */
    public record Terms(Set<Mode> allowedModes, double slMult, double tpMult) {
    }

    /** Looks up {@link Terms} for a session and asset class (from {@code session_policy.json}). */
    public interface SessionTerms {
        Terms of(SessionLabel session, AssetClass assetClass);
    }

    /** What the strategy knows on a bar besides the bar. {@code entryBlock} names why no entry may open. */
    public record Context(Regime regime, double regimeConfidence, boolean regimeWarm, SessionLabel session,
                          Optional<Mode> forcedMode, Optional<String> entryBlock) {
    }

    /** The position the portfolio holds for this symbol, as far as exits need it. */
    public record OpenTrade(Mode mode, Side side, SessionLabel session, BigDecimal entryPrice, BigDecimal stopPrice,
                            long entryTimeMs) {
    }

    /**
     * The bar's outcome: an intent or not, which mode was in charge (for status), and whether the
     * chooser was asked (its state may have changed).
     */
    public record Result(Optional<TradeIntent> intent, Optional<Mode> mode, String note, boolean consultedChooser) {
        public Result(Optional<TradeIntent> intent, Optional<Mode> mode, String note) {
            this(intent, mode, note, false);
        }
    }

    private static final MathContext PRICE = new MathContext(12, RoundingMode.HALF_EVEN);
    private static final Map<Mode, ModeStrategy> MODES = new EnumMap<>(Mode.class);

    static {
        for (ModeStrategy s : List.of(new ScalpStrategy(), new IntradayTrendStrategy(), new SwingStrategy(),
                new MeanReversionStrategy(), new OptionsSlot())) {
            MODES.put(s.mode(), s);
        }
    }

    private final StrategyParams params;
    private final SessionTerms sessions;
    private final ModeChooser chooser;
    private final ScoreLearner scorer;
    private final Features features;
    private OpenTrade open;
    private BigDecimal takeProfit;

    /**
     * @param chooser picks the entry mode in AUTO; shared by the traders of one verticle or backtest pass
     * @param scorer  scores entries (and is told of their features); shared the same way
     */
    public SymbolTrader(StrategyParams params, SessionTerms sessions, ModeChooser chooser, ScoreLearner scorer) {
        this.params = params;
        this.sessions = sessions;
        this.chooser = chooser;
        this.scorer = scorer;
        this.features = new Features(params);
    }

    public static ModeStrategy strategy(Mode mode) { return MODES.get(mode); }

    public int warmupBars() { return features.warmupBars(); }

    public Optional<OpenTrade> openTrade() { return Optional.ofNullable(open); }

    /** The portfolio's truth about this symbol (restored at start, then on every fill); empty = flat. */
    public void positionChanged(Optional<OpenTrade> trade, AssetClass assetClass) {
        open = trade.orElse(null);
        takeProfit = trade.map(t -> takeProfit(t, assetClass)).orElse(null);
    }

    private BigDecimal takeProfit(OpenTrade t, AssetClass assetClass) {
        double tpMult = sessions.of(t.session(), assetClass).tpMult();
        BigDecimal distance = t.entryPrice().subtract(t.stopPrice())
                .multiply(BigDecimal.valueOf(params.exits(t.mode()).rewardRisk() * tpMult));
        return t.entryPrice().add(distance).round(PRICE);
    }

    /** The same for the same bar of the same symbol in every run and JVM (String.hashCode is specified). */
    private static long drawKey(Bar bar) {
        return bar.closeTimeMs() * 1_000_003L + 31L * bar.symbol().hashCode() + bar.assetClass().ordinal();
    }

    private static Set<Mode> allowedInOrder(Terms terms) {
        return terms.allowedModes().isEmpty() ? EnumSet.noneOf(Mode.class) : EnumSet.copyOf(terms.allowedModes());
    }

    public Result onBar(String source, Bar bar, Context ctx) {
        features.update(bar);
        if (bar.warmup()) return new Result(Optional.empty(), Optional.empty(), "warm-up");
        if (open != null) return manage(source, bar, ctx);
        if (!features.ready()) return new Result(Optional.empty(), Optional.empty(), "indicators warming up");
        if (!ctx.regimeWarm()) return new Result(Optional.empty(), Optional.empty(), "regime warming up");
        Terms terms = sessions.of(ctx.session(), bar.assetClass());
        Set<Mode> candidates = terms.allowedModes();
        if (ctx.forcedMode().isPresent()) {
            ModeSelector.Choice forced = ModeSelector.choose(ctx.regime(), terms.allowedModes(), ctx.forcedMode());
            if (forced.mode().isEmpty()) return new Result(Optional.empty(), Optional.empty(), forced.why());
            candidates = EnumSet.of(forced.mode().get());
        }
        if (ctx.entryBlock().isPresent()) return new Result(Optional.empty(), ctx.forcedMode(), ctx.entryBlock().get());
        Map<Mode, ModeStrategy.Setup> setups = new EnumMap<>(Mode.class);
        Map<Mode, Side> sides = new EnumMap<>(Mode.class);
        boolean shortable = bar.assetClass().shortable();
        for (Mode m : Mode.values()) {
            if (!candidates.contains(m)) continue;
            Optional<ModeStrategy.Setup> up = MODES.get(m).entry(features);
            Optional<ModeStrategy.Setup> down = shortable ? MODES.get(m).entry(features.mirrored()) : Optional.empty();
            if (up.isPresent() == down.isPresent()) continue; // neither, or both ways at once: no setup
            setups.put(m, up.orElseGet(down::get));
            sides.put(m, up.isPresent() ? Side.BUY : Side.SELL);
        }
        ModeChooser.Pick pick;
        if (ctx.forcedMode().isPresent()) {
            Mode m = ctx.forcedMode().get();
            pick = setups.containsKey(m) ? ModeChooser.Pick.enter(m, "forced by Strategy Mode")
                    : new ModeChooser.Pick(ctx.forcedMode(), false, "no " + m + " setup");
        } else {
            Set<Mode> firing = setups.isEmpty() ? EnumSet.noneOf(Mode.class) : EnumSet.copyOf(setups.keySet());
            pick = chooser.pick(bar.assetClass(), ctx.regime(), ctx.session(), allowedInOrder(terms), firing, drawKey(bar));
        }
        if (!pick.enter()) return new Result(Optional.empty(), pick.mode(), pick.why(), !ctx.forcedMode().isPresent());
        Mode mode = pick.mode().get();
        ModeStrategy strategy = MODES.get(mode);
        Optional<ModeStrategy.Setup> setup = Optional.of(setups.get(mode));
        Optional<Mode> chosen = pick.mode();
        StrategyParams.Exits exits = params.exits(mode);
        double close = features.close();
        Side side = sides.get(mode);
        double stopDistance = Math.max(exits.stopAtr() * features.atr(), params.minStopPct() * close) * terms.slMult();
        // A forex stop inside a few pips would be hit by the spread alone (ForexPair.MIN_STOP_PIPS says why).
        if (bar.assetClass() == AssetClass.FOREX) {
            stopDistance = Math.max(stopDistance, ForexPair.parse(bar.symbol()).minStopDistance().doubleValue());
        }
        BigDecimal stop = bar.close().subtract(BigDecimal.valueOf(stopDistance * side.sign())).round(PRICE);
        if (stop.signum() <= 0 || stop.compareTo(bar.close()) * side.sign() >= 0) {
            return new Result(Optional.empty(), chosen, "stop would not be a positive price on the losing side of the entry", true);
        }
        // A short's home is its long twin's home upside down (a down-trend for a trend mode).
        boolean home = strategy.homeRegimes().contains(side == Side.BUY ? ctx.regime() : mirror(ctx.regime()));
        double[] x = ScoreLearner.features(setup.get(), home ? ctx.regimeConfidence() : 0, mode);
        double score = scorer.score(x, SignalScore.of(setup.get(), home, ctx.regimeConfidence()));
        scorer.entryIntended(StrategyVerticle.key(bar.assetClass(), bar.symbol()), x);
        return new Result(Optional.of(intent(source, bar, side, true, mode, ctx, score, stop,
                mode + (side == Side.SELL ? " short: mirrored " : ": ") + setup.get().reason() + " (" + pick.why() + ")")),
                chosen, "entry", true);
    }

    /** The regime of the market reflected upside down. */
    static Regime mirror(Regime r) {
        return switch (r) {
            case TREND_UP -> Regime.TREND_DOWN;
            case TREND_DOWN -> Regime.TREND_UP;
            default -> r;
        };
    }

    private Result manage(String source, Bar bar, Context ctx) {
        Mode mode = open.mode();
        Optional<String> why = Optional.empty();
        int dir = open.side().sign();
        if (bar.close().compareTo(open.stopPrice()) * dir <= 0) {
            why = Optional.of("stop hit");
        } else if (bar.close().compareTo(takeProfit) * dir >= 0) {
            why = Optional.of("take-profit reached");
        } else if (features.ready()) {
            why = MODES.get(mode).exitSignal(open.side() == Side.BUY ? features : features.mirrored());
        }
        if (why.isEmpty()) {
            long held = (bar.closeTimeMs() - open.entryTimeMs()) / (bar.timeframeSec() * 1000L);
            if (held >= params.exits(mode).maxBars()) why = Optional.of("time stop after " + held + " bars");
        }
        if (why.isEmpty()) return new Result(Optional.empty(), Optional.of(mode), "holding");
        // An exit is not scored: the trade keeps the score of its entry.
        return new Result(Optional.of(intent(source, bar, open.side() == Side.BUY ? Side.SELL : Side.BUY, false, mode, ctx, 0.0, open.stopPrice(),
                mode + ": " + why.get())), Optional.of(mode), "exit");
    }

    private TradeIntent intent(String source, Bar bar, Side side, boolean entry, Mode mode, Context ctx, double score,
                               BigDecimal stop, String reason) {
        double atr = features.ready() ? features.atr() : 0;
        return new TradeIntent(source, bar.seq(), bar.closeTimeMs(), bar.symbol(), bar.assetClass(), side, entry, mode,
                ctx.regime(), ctx.session(), bar.close(), atr, stop, score, reason);
    }

    /** The take-profit of the open position, if any. */
    public Optional<BigDecimal> takeProfit() { return Optional.ofNullable(takeProfit); }
}
