package dev.meridian.app;

import dev.meridian.core.AssetClass;
import dev.meridian.core.Mode;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The {@code backtest} command line (DESIGN.md): {@code --data SOURCE [--from T] [--to T] [--mode M]
 * [--asset A] [--fee-bps N] [--slippage-bps N] [--seed N] [--walk-forward K] [--out DIR]}. T is an
 * ISO-8601 instant or a date (UTC midnight); M is {@code auto} or a mode in any case. A bad line is
 * a {@link Cli.UsageException} naming the option. Without {@code --seed} the learner draws from
 * {@code strategy.learning.seed}, as the deployed bot does.
 */
record BacktestOptions(String data, Optional<Instant> from, Optional<Instant> to, Optional<Mode> mode, AssetClass asset,
                       Optional<BigDecimal> feeBps, Optional<BigDecimal> slippageBps, Optional<Long> seed, int walkForward, Path out) {

    static BacktestOptions parse(List<String> args) {
        String data = null;
        Optional<Instant> from = Optional.empty();
        Optional<Instant> to = Optional.empty();
        Optional<Mode> mode = Optional.empty();
        AssetClass asset = AssetClass.SPOT;
        Optional<BigDecimal> fee = Optional.empty();
        Optional<BigDecimal> slip = Optional.empty();
        Optional<Long> seed = Optional.empty();
        int walkForward = 0;
        Path out = Path.of("backtest-out");
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            String v = i + 1 < args.size() && !args.get(i + 1).startsWith("--") ? args.get(i + 1) : null;
            if (v == null) throw new Cli.UsageException(a.startsWith("--") ? a + " needs a value" : "unexpected argument: " + a);
            i++;
            switch (a) {
                case "--data" -> data = v;
                case "--from" -> from = Optional.of(time(a, v));
                case "--to" -> to = Optional.of(time(a, v));
                case "--mode" -> mode = mode(v);
                case "--asset" -> asset = asset(v);
                case "--fee-bps" -> fee = Optional.of(bps(a, v));
                case "--slippage-bps" -> slip = Optional.of(bps(a, v));
                case "--seed" -> seed = Optional.of(number(a, v));
                case "--walk-forward" -> {
                    long k = number(a, v);
                    if (k < 2 || k > 50) throw new Cli.UsageException("--walk-forward must be 2..50 folds, got " + v);
                    walkForward = (int) k;
                }
                case "--out" -> out = Path.of(v);
                default -> throw new Cli.UsageException("unknown option for backtest: " + a);
            }
        }
        if (data == null) throw new Cli.UsageException("backtest needs --data SOURCE (btc-trades-2013, eth-5m-2023 or a CSV path)");
        if (from.isPresent() && to.isPresent() && !from.get().isBefore(to.get())) {
            throw new Cli.UsageException("--from must be before --to");
        }
        return new BacktestOptions(data, from, to, mode, asset, fee, slip, seed, walkForward, out);
    }

    private static Instant time(String option, String v) {
        try {
            return v.length() == 10 ? LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(v);
        } catch (DateTimeParseException e) {
            throw new Cli.UsageException(option + " must be an ISO-8601 instant or date (2013-11-28T00:00:00Z, 2013-11-28), got \"" + v + "\"");
        }
    }

    private static Optional<Mode> mode(String v) {
        if (v.equalsIgnoreCase("auto")) return Optional.empty();
        try {
            return Optional.of(Mode.valueOf(v.toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            throw new Cli.UsageException("--mode must be auto, scalp, intraday_trend, swing, mean_reversion or options, got \"" + v + "\"");
        }
    }

    private static AssetClass asset(String v) {
        try {
            return AssetClass.valueOf(v.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new Cli.UsageException("--asset must be SPOT, PERP, OPTIONS or FOREX, got \"" + v + "\"");
        }
    }

    private static BigDecimal bps(String option, String v) {
        try {
            BigDecimal b = new BigDecimal(v);
            if (b.signum() >= 0 && b.compareTo(BigDecimal.valueOf(1000)) <= 0) return b;
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new Cli.UsageException(option + " must be a number of basis points in 0..1000, got \"" + v + "\"");
    }

    private static long number(String option, String v) {
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new Cli.UsageException(option + " must be a whole number, got \"" + v + "\"");
        }
    }
}
