package dev.meridian.app;

import dev.meridian.core.AssetClass;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The command line: {@code run [--replay SOURCE] [--speed N|max] [--asset A]},
 * {@code check-config}, {@code backtest ...}, {@code help}. Parsing is pure; a bad command line
 * gives a {@link UsageException} with one clear message.
 */
public record Cli(String command, Optional<String> replay, Optional<Double> speed, AssetClass asset, List<String> rest) {
    /** Bad command line; the message says what is wrong. */
    public static final class UsageException extends RuntimeException {
        public UsageException(String message) { super(message); }
    }

    public static final String USAGE = String.join("\n",
            "usage: java -jar meridian.jar COMMAND [options]",
            "  run [--replay SOURCE] [--speed N|max] [--asset SPOT|PERP|OPTIONS|FOREX]",
            "        SOURCE: btc-trades-2013 | eth-5m-2023 | path/to/file.csv",
            "        --speed N replays N x real time, max as fast as possible (0 < N)",
            "  check-config   validate conf/ and policies/, list every problem",
            "  backtest --data SOURCE [--from T] [--to T] [--mode M] [--asset A] [--fee-bps N] [--slippage-bps N]",
            "           [--seed N] [--walk-forward K] [--out DIR]",
            "                 the same pipeline over SOURCE without a database; writes summary.json, trades.csv,",
            "                 report.html and PNG pictures into DIR (default backtest-out/)",
            "  help");

    public static Cli parse(String[] args) {
        if (args.length == 0) throw new UsageException("no command given");
        String cmd = args[0];
        Optional<String> replay = Optional.empty();
        Optional<Double> speed = Optional.empty();
        AssetClass asset = AssetClass.SPOT;
        switch (cmd) {
            case "run" -> {
                for (int i = 1; i < args.length; i++) {
                    String a = args[i];
                    switch (a) {
                        case "--replay" -> replay = Optional.of(value(args, ++i, a));
                        case "--speed" -> speed = Optional.of(speed(value(args, ++i, a)));
                        case "--asset" -> asset = asset(value(args, ++i, a));
                        default -> throw new UsageException("unknown option for run: " + a);
                    }
                }
                if (speed.isPresent() && replay.isEmpty()) throw new UsageException("--speed applies to --replay only");
                return new Cli(cmd, replay, speed, asset, List.of());
            }
            case "check-config", "help", "--help", "-h" -> {
                if (args.length > 1) throw new UsageException("unknown option for " + cmd + ": " + args[1]);
                return new Cli(cmd.startsWith("-") ? "help" : cmd, replay, speed, asset, List.of());
            }
            case "backtest" -> {
                return new Cli(cmd, replay, speed, asset, List.of(args).subList(1, args.length));
            }
            default -> throw new UsageException("unknown command: " + cmd);
        }
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length || args[i].startsWith("--")) throw new UsageException(option + " needs a value");
        return args[i];
    }

    /** 0 stands for "max". */
    static double speed(String s) {
        if (s.equalsIgnoreCase("max")) return 0;
        try {
            double d = Double.parseDouble(s);
            if (d > 0 && Double.isFinite(d)) return d;
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new UsageException("--speed must be a positive number or max, got \"" + s + "\"");
    }

    private static AssetClass asset(String s) {
        try {
            return AssetClass.valueOf(s.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--asset must be SPOT, PERP, OPTIONS or FOREX, got \"" + s + "\"");
        }
    }
}
