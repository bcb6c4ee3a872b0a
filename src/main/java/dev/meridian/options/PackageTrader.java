package dev.meridian.options;

import dev.meridian.config.OptionsPolicy;
import dev.meridian.core.Regime;
import dev.meridian.core.Side;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The OPTIONS mode on one underlying, over a chain it is given or builds synthetically: at most
 * one package open at a time, chosen by regime, sized to the budget, checked by the option rails,
 * entered at the quotes (buying at the ask, selling at the bid) and managed on every bar.
 *
 * <ul>
 *   <li>Package by regime: TREND_UP → bull call spread (debit), TREND_DOWN → bear put spread
 *       (debit), RANGE → iron condor (credit), VOLATILE → none (a spread's edge is direction or
 *       calm; a volatility burst gives neither).</li>
 *   <li>Contracts: the expiry nearest {@code targetDays} within [minDays, maxDays]; the bought leg
 *       of a vertical nearest {@code longDelta}, the sold one nearest {@code shortDelta}; a
 *       condor sells {@code shortDelta} and buys {@code wingDelta} on each side.</li>
 *   <li>Exit, checked in this order on each bar: expiry (settled at intrinsic value), the last
 *       {@code exitDaysBeforeExpiry}, take-profit (marked profit ≥ takeProfitOfMaxGain × max
 *       gain), stop (marked loss ≥ stopOfMaxLoss × max loss).</li>
 *   <li>Money: {@code entryMid} and {@code exitMid} are the package's signed values at the marks
 *       (+ for what we own); the fills differ from them by the quoted spread, which is booked as
 *       slippage; fees follow Bybit's option schedule, {@code min(feeOfUnderlying × underlying,
 *       feeCapOfPremium × option price)} per contract and leg. So
 *       {@code net = (exitMid − entryMid) − slippage − fees} exactly.</li>
 * </ul>
 * Deterministic for the same inputs, which is what a restart relies on: an entry's plain
 * {@link EntryInputs} rebuild the identical package ({@link #reopen}). {@link #abandon} forgets a
 * package whose entry order was refused downstream. Not thread-safe: one instance per underlying.
 */
public final class PackageTrader {
    /** How the mode picks and manages packages (docs/options.md). */
    public record Params(double targetDays, double minDays, double maxDays, double longDelta, double shortDelta,
                         double wingDelta, double ivPremium, double takeProfitOfMaxGain, double stopOfMaxLoss,
                         double exitDaysBeforeExpiry, BigDecimal feeOfUnderlying, BigDecimal feeCapOfPremium,
                         BigDecimal qtyStep, BigDecimal minQty, SyntheticChain.Spec chain) {
        /**
         * A week out (2–14 days), 0.40/0.20 verticals, 0.20/0.08 condors, IV at realized vol + 5 vol points,
         * half the max gain as target and half the max loss as stop, out a day before expiry,
         * Bybit's fees (0.03 % of the underlying, at most 12.5 % of the option price), qty step
         * and minimum 0.01 (Bybit BTC options).
         */
        public static Params defaults() {
            return new Params(7, 2, 14, 0.40, 0.20, 0.08, 0.05, 0.5, 0.5, 1,
                    new BigDecimal("0.0003"), new BigDecimal("0.125"), new BigDecimal("0.01"), new BigDecimal("0.01"),
                    SyntheticChain.Spec.defaults());
        }
    }

    /** An open package and what its entry cost. {@code entryMid} and {@code entryFill} are signed totals (+ paid). */
    public record Open(OptionPackage pkg, long entryMs, double underlyingAtEntry, BigDecimal entryMid, BigDecimal entryFill,
                       BigDecimal entryFees, Regime regime, double regimeConfidence) {
    }

    /**
     * A closed package: {@code exitMid} and {@code exitProceeds} are signed totals (+ received);
     * {@code exitPrices} the closing price per contract of each option leg, in {@code optionLegs()}
     * order (the bid for a bought leg, the ask for a sold one; the settlement value when expired).
     */
    public record Closed(Open open, long exitMs, BigDecimal exitMid, BigDecimal exitProceeds, BigDecimal exitFees, String why,
                         List<BigDecimal> exitPrices, boolean expired) {
        public BigDecimal gross() { return exitMid.subtract(open.entryMid); }

        public BigDecimal slippage() { return open.entryFill.subtract(open.entryMid).add(exitMid.subtract(exitProceeds)); }

        public BigDecimal fees() { return open.entryFees.add(exitFees); }

        public BigDecimal net() { return gross().subtract(slippage()).subtract(fees()); }
    }

    /**
     * What an entry was decided from, in plain values (for storing as JSON): the trader is
     * deterministic, so {@link #reopen} rebuilds the identical package from them after a restart.
     * A package on the synthetic chain needs nothing else (the chain is rebuilt); one chosen from a
     * venue's chain keeps the quotes of its own contracts ({@code venueQuotes}, with the chain's
     * {@code chainPrice}): among only those, the same choice falls on the same contracts at the same
     * prices. Empty and 0 for the synthetic chain.
     */
    public record EntryInputs(String underlying, long nowMs, double price, double realizedVol, Regime regime,
                              double regimeConfidence, String budgetUsd, String ledgerEquity, double chainPrice,
                              List<OptionQuote> venueQuotes) {
        public EntryInputs {
            venueQuotes = venueQuotes == null ? List.of() : List.copyOf(venueQuotes);
        }

        /** Inputs of a package on the synthetic chain. */
        public EntryInputs(String underlying, long nowMs, double price, double realizedVol, Regime regime, double regimeConfidence,
                           String budgetUsd, String ledgerEquity) {
            this(underlying, nowMs, price, realizedVol, regime, regimeConfidence, budgetUsd, ledgerEquity, 0, List.of());
        }
    }

    /** What one bar did. */
    public record Step(Optional<Closed> closed, Optional<Open> opened, Optional<String> refusal, String note) {
    }

    private final Params params;
    private final OptionRails rails;
    private Open open;
    private BigDecimal lastMid;
    /** The open package's net delta and the underlying's price as of the last bar, for the sub-ledger delta rail. */
    private double lastDelta;
    private double lastPrice;
    private EntryInputs entryInputs;

    public PackageTrader(Params params, OptionsPolicy policy) {
        this.params = params;
        this.rails = new OptionRails(policy);
    }

    public Optional<Open> open() { return Optional.ofNullable(open); }

    /**
     * The open package's value at the model's mids as of the last bar (a signed total, + owned),
     * for marking the position; empty when flat.
     */
    public Optional<BigDecimal> markedMid() { return open == null ? Optional.empty() : Optional.of(lastMid); }

    /**
     * The open package's directional exposure as of the last bar (its net delta from the legs'
     * greeks then, at the underlying's price then), for other traders' sub-ledger delta rail;
     * empty when flat.
     */
    public Optional<DeltaExposure> exposure() {
        return open == null ? Optional.empty() : Optional.of(new DeltaExposure(open.pkg().underlying(), lastDelta, lastPrice));
    }

    /**
     * Forgets the open package without closing it: its entry order was refused downstream (a risk
     * halt, the funds controller), so no position exists to manage.
     */
    public void abandon() { open = null; }

    /**
     * Takes back the package {@code c} closed: its exit order was refused downstream (or could not
     * be completed at the venue), so the position is still held and must still be managed.
     */
    public void reinstate(Closed c) {
        open = c.open();
        lastMid = c.exitMid();
        lastDelta = c.open().pkg().netDelta();
        lastPrice = c.open().underlyingAtEntry();
    }

    /** What the open package was decided from, if one is open. */
    public Optional<EntryInputs> entryInputs() { return open == null ? Optional.empty() : Optional.ofNullable(entryInputs); }

    /**
     * Rebuilds the package decided from {@code in} as the open one (after a restart, while the
     * portfolio still holds it); empty, and nothing open, if the inputs no longer make a package.
     */
    public Optional<Open> reopen(EntryInputs in) {
        open = null;
        Optional<OptionChain> venue = in.venueQuotes().isEmpty() ? Optional.empty()
                : Optional.of(new OptionChain(in.venueQuotes().get(0).underlying(), in.nowMs(), in.chainPrice(), in.venueQuotes()));
        Step s = enter(in, venue, List.of());
        return s.opened();
    }

    /**
     * One bar of the underlying.
     *
     * @param realizedVol the underlying's realized volatility, annualised; the synthetic chain is
     *                    priced at it + ivPremium (a volatility risk premium in vol points)
     * @param mayEnter    false when something upstream forbids an entry (warm-up, switch off, halt)
     * @param budgetUsd   premium (debit) or max loss (credit) to commit
     * @param ledgerEquity the options sub-ledger's equity, for the delta rail
     */
    public Step onBar(String underlying, long nowMs, double price, double realizedVol, Regime regime, double regimeConfidence,
                      boolean mayEnter, BigDecimal budgetUsd, BigDecimal ledgerEquity) {
        return onBar(underlying, nowMs, price, realizedVol, regime, regimeConfidence, mayEnter, budgetUsd, ledgerEquity,
                Optional.empty(), List.of());
    }

    /**
     * One bar, with the venue's chain when there is a recent one: packages are then chosen from
     * the venue's contracts at its quotes, greeks and mark IV (a package that can go live), and an
     * open package's legs are marked and closed at the venue's quotes (a leg the chain no longer
     * lists falls back to the model). Without it the synthetic chain is used (paper only).
     * {@code others} are the exposures of the sub-ledger's packages on other underlyings (see
     * {@link #exposure}), which the sub-ledger delta rail adds to a new package's.
     */
    public Step onBar(String underlying, long nowMs, double price, double realizedVol, Regime regime, double regimeConfidence,
                      boolean mayEnter, BigDecimal budgetUsd, BigDecimal ledgerEquity, Optional<OptionChain> venueChain,
                      List<DeltaExposure> others) {
        double iv = realizedVol + params.ivPremium();
        if (open != null) {
            Optional<Closed> c = manage(nowMs, price, realizedVol, iv, venueChain);
            if (c.isPresent()) {
                open = null;
                return new Step(c, Optional.empty(), Optional.empty(), "closed: " + c.get().why());
            }
            return new Step(Optional.empty(), Optional.empty(), Optional.empty(), "holding " + this.open.pkg().kind());
        }
        if (!mayEnter) return new Step(Optional.empty(), Optional.empty(), Optional.empty(), "no entry allowed");
        return enter(new EntryInputs(underlying, nowMs, price, realizedVol, regime, regimeConfidence, budgetUsd.toString(),
                ledgerEquity.toString()), venueChain, others);
    }

    private Step enter(EntryInputs in, Optional<OptionChain> venueChain, List<DeltaExposure> others) {
        String underlying = in.underlying();
        long nowMs = in.nowMs();
        double price = in.price();
        double realizedVol = in.realizedVol();
        Regime regime = in.regime();
        double regimeConfidence = in.regimeConfidence();
        BigDecimal budgetUsd = new BigDecimal(in.budgetUsd());
        BigDecimal ledgerEquity = new BigDecimal(in.ledgerEquity());
        double iv = realizedVol + params.ivPremium();
        if (!(realizedVol > 0) || !Double.isFinite(realizedVol)) {
            return new Step(Optional.empty(), Optional.empty(), Optional.empty(), "no realized volatility yet");
        }
        Optional<OptionPackage.Kind> kind = switch (regime) {
            case TREND_UP -> Optional.of(OptionPackage.Kind.BULL_CALL_SPREAD);
            case TREND_DOWN -> Optional.of(OptionPackage.Kind.BEAR_PUT_SPREAD);
            case RANGE -> Optional.of(OptionPackage.Kind.IRON_CONDOR);
            case VOLATILE -> Optional.empty();
        };
        if (kind.isEmpty()) return new Step(Optional.empty(), Optional.empty(), Optional.empty(), "no package for " + regime);
        OptionChain chain = venueChain.orElseGet(() -> SyntheticChain.build(underlying, nowMs, price, iv, chainFor(iv)));
        PricingContext ctx = new PricingContext(price, nowMs, realizedVol, params.chain().rate());
        Optional<OptionPackage> unit;
        try {
            unit = build(kind.get(), chain, ctx);
        } catch (IllegalArgumentException e) {
            return refuse("options: " + kind.get() + " not buildable: " + e.getMessage());
        }
        if (unit.isEmpty()) return refuse("options: no contracts for a " + kind.get() + " within " + params.minDays() + ".."
                + params.maxDays() + " days at the target deltas");
        PackageSizing sizing = new PackageBuilder(ctx, params.qtyStep(), params.minQty()).size(unit.get(), budgetUsd);
        if (!sizing.ok()) return refuse("options sizer: " + sizing.refusal().orElseThrow());
        OptionPackage pkg = sizing.sized().orElseThrow();
        OptionRails.Verdict v = rails.check(pkg, realizedVol, others, ledgerEquity);
        if (!v.allowed()) {
            return refuse("options rails: " + String.join("; ", v.refusals().stream().map(OptionRailCheck::reason).toList()));
        }
        BigDecimal mid = BigDecimal.ZERO;
        BigDecimal fees = BigDecimal.ZERO;
        for (OptionPackage.Leg l : pkg.optionLegs()) {
            OptionQuote q = l.contract().orElseThrow();
            mid = mid.add(signed(l.side(), q.markPrice().multiply(l.qty())));
            fees = fees.add(fee(price, l.price(), l.qty()));
        }
        open = new Open(pkg, nowMs, price, mid, pkg.netPremium(), fees, regime, regimeConfidence);
        lastMid = mid;
        lastDelta = pkg.netDelta();
        lastPrice = price;
        entryInputs = venueChain.isEmpty() ? in : new EntryInputs(in.underlying(), in.nowMs(), in.price(), in.realizedVol(),
                in.regime(), in.regimeConfidence(), in.budgetUsd(), in.ledgerEquity(), chain.underlyingPrice(),
                pkg.optionLegs().stream().map(l -> l.contract().orElseThrow()).toList());
        return new Step(Optional.empty(), Optional.of(open), Optional.empty(), "opened " + pkg.kind() + " (rails: "
                + String.join("; ", v.checks().stream().map(OptionRailCheck::reason).toList()) + ")");
    }

    /**
     * The chain spec with strikes out to about three standard deviations of the longest expiry the
     * mode may pick (at least the spec's own range, at most ±95 %): at crypto volatilities a fixed
     * ±30 % would leave no low-delta wings to buy.
     */
    private SyntheticChain.Spec chainFor(double iv) {
        SyntheticChain.Spec c = params.chain();
        double range = Math.min(0.95, Math.max(c.strikeRangeFraction(), 3 * iv * Math.sqrt(params.maxDays() / 365.0)));
        return new SyntheticChain.Spec(range, Math.min(c.strikeStepFraction(), range), c.dailyExpiries(), c.weeklyExpiries(),
                c.spreadFraction(), c.tickSize(), c.rate());
    }

    private Optional<OptionPackage> build(OptionPackage.Kind kind, OptionChain chain, PricingContext ctx) {
        PackageBuilder b = new PackageBuilder(ctx, params.qtyStep(), params.minQty());
        switch (kind) {
            case BULL_CALL_SPREAD, BEAR_PUT_SPREAD -> {
                OptionType type = kind == OptionPackage.Kind.BULL_CALL_SPREAD ? OptionType.CALL : OptionType.PUT;
                Optional<ContractSelector.Selection> bought = pick(chain, ctx, type, Side.BUY, params.longDelta());
                if (bought.isEmpty()) return Optional.empty();
                long expiry = bought.get().contract().expiryMs();
                Optional<ContractSelector.Selection> sold = ContractSelector.nearestDelta(chain, ctx, expiry, type, Side.SELL,
                        params.shortDelta());
                if (sold.isEmpty() || sold.get().contract().strike().compareTo(bought.get().contract().strike()) == 0) return Optional.empty();
                return Optional.of(type == OptionType.CALL ? b.bullCallSpread(bought.get().contract(), sold.get().contract())
                        : b.bearPutSpread(bought.get().contract(), sold.get().contract()));
            }
            case IRON_CONDOR -> {
                Optional<ContractSelector.Selection> shortPut = pick(chain, ctx, OptionType.PUT, Side.SELL, params.shortDelta());
                if (shortPut.isEmpty()) return Optional.empty();
                long expiry = shortPut.get().contract().expiryMs();
                var longPut = ContractSelector.nearestDelta(chain, ctx, expiry, OptionType.PUT, Side.BUY, params.wingDelta());
                var shortCall = ContractSelector.nearestDelta(chain, ctx, expiry, OptionType.CALL, Side.SELL, params.shortDelta());
                var longCall = ContractSelector.nearestDelta(chain, ctx, expiry, OptionType.CALL, Side.BUY, params.wingDelta());
                if (longPut.isEmpty() || shortCall.isEmpty() || longCall.isEmpty()) return Optional.empty();
                if (longPut.get().contract().strike().compareTo(shortPut.get().contract().strike()) >= 0
                        || longCall.get().contract().strike().compareTo(shortCall.get().contract().strike()) <= 0) {
                    return Optional.empty();
                }
                return Optional.of(b.ironCondor(longPut.get().contract(), shortPut.get().contract(), shortCall.get().contract(),
                        longCall.get().contract()));
            }
            default -> {
                return Optional.empty();
            }
        }
    }

    private Optional<ContractSelector.Selection> pick(OptionChain chain, PricingContext ctx, OptionType type, Side side, double delta) {
        return ContractSelector.select(chain, ctx, new ContractSelector.Criteria(type, side, delta, params.targetDays(),
                params.minDays(), params.maxDays()));
    }

    private Optional<Closed> manage(long nowMs, double price, double realizedVol, double iv, Optional<OptionChain> venueChain) {
        PricingContext ctx = new PricingContext(price, nowMs, realizedVol, params.chain().rate());
        double delta = 0;
        OptionPackage pkg = open.pkg();
        boolean expired = nowMs >= pkg.expiryMs();
        double daysLeft = (pkg.expiryMs() - nowMs) / 86_400_000.0;
        BigDecimal mid = BigDecimal.ZERO;
        BigDecimal proceeds = BigDecimal.ZERO;
        BigDecimal fees = BigDecimal.ZERO;
        List<BigDecimal> exitPrices = new ArrayList<>();
        for (OptionPackage.Leg l : pkg.optionLegs()) {
            OptionQuote held = l.contract().orElseThrow();
            OptionQuote now = expired ? SyntheticChain.requote(held, nowMs, price, iv, params.chain())
                    : venueChain.flatMap(c -> c.contract(held.symbol()))
                    .orElseGet(() -> SyntheticChain.requote(held, nowMs, price, iv, params.chain()));
            mid = mid.add(signed(l.side(), now.markPrice().multiply(l.qty())));
            // Closing sells what we bought (at the bid) and buys back what we sold (at the ask); at expiry
            // the venue settles at intrinsic value, without a spread.
            BigDecimal exitPrice = expired ? now.markPrice() : l.side() == Side.BUY ? now.bid() : now.ask();
            exitPrices.add(exitPrice);
            if (!expired) delta += (l.side() == Side.BUY ? 1 : -1) * l.qty().doubleValue() * ctx.greeks(now).greeks().delta();
            proceeds = proceeds.add(signed(l.side(), exitPrice.multiply(l.qty())));
            if (exitPrice.signum() > 0) fees = fees.add(fee(price, exitPrice, l.qty()));
        }
        lastMid = mid;
        lastDelta = delta;
        lastPrice = price;
        BigDecimal marked = mid.subtract(open.entryMid());
        String why = null;
        if (expired) why = "expired";
        else if (daysLeft <= params.exitDaysBeforeExpiry()) why = "out " + params.exitDaysBeforeExpiry() + " day(s) before expiry";
        else if (pkg.maxGain().isPresent() && marked.compareTo(pkg.maxGain().get().multiply(BigDecimal.valueOf(params.takeProfitOfMaxGain()))) >= 0) {
            why = "take-profit: marked " + marked.setScale(4, RoundingMode.HALF_EVEN).toPlainString() + " ≥ "
                    + params.takeProfitOfMaxGain() + " × max gain";
        } else if (marked.negate().compareTo(pkg.maxLoss().multiply(BigDecimal.valueOf(params.stopOfMaxLoss()))) >= 0) {
            why = "stop: marked " + marked.setScale(4, RoundingMode.HALF_EVEN).toPlainString() + " ≤ −" + params.stopOfMaxLoss()
                    + " × max loss";
        }
        return why == null ? Optional.empty() : Optional.of(new Closed(open, nowMs, mid, proceeds, fees, why, exitPrices, expired));
    }

    /** Bybit's option fee for one leg: a share of the underlying, capped at a share of the option's price. */
    private BigDecimal fee(double underlying, BigDecimal optionPrice, BigDecimal qty) {
        BigDecimal ofUnderlying = params.feeOfUnderlying().multiply(BigDecimal.valueOf(underlying));
        BigDecimal cap = params.feeCapOfPremium().multiply(optionPrice);
        return ofUnderlying.min(cap).multiply(qty);
    }

    private static BigDecimal signed(Side side, BigDecimal v) { return side == Side.BUY ? v : v.negate(); }

    private static Step refuse(String why) { return new Step(Optional.empty(), Optional.empty(), Optional.of(why), why); }

    /** The legs as text for a trade's symbol column (no commas): {@code BTCUSD BULL_CALL_SPREAD 29NOV13 +800C -850C}. */
    public static String describe(OptionPackage pkg) {
        List<String> legs = new ArrayList<>();
        for (OptionPackage.Leg l : pkg.optionLegs()) {
            OptionQuote q = l.contract().orElseThrow();
            legs.add((l.side() == Side.BUY ? "+" : "-") + q.strike().stripTrailingZeros().toPlainString()
                    + (q.type() == OptionType.CALL ? "C" : "P"));
        }
        String sym = pkg.optionLegs().get(0).contract().orElseThrow().symbol();
        String[] parts = sym.split("-");
        return pkg.underlying() + " " + pkg.kind() + " " + (parts.length > 1 ? parts[1] : "") + " " + String.join(" ", legs);
    }
}
