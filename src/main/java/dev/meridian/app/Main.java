package dev.meridian.app;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Entry point. Exit codes: 0 ok, 1 start-up failure (port in use, state dir locked or corrupt,
 * database), 2 bad command line or configuration.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        Logging.configure();
        Cli cli;
        try {
            cli = Cli.parse(args);
        } catch (Cli.UsageException e) {
            System.err.println("meridian: " + e.getMessage());
            System.err.println(Cli.USAGE);
            System.exit(2);
            return;
        }
        switch (cli.command()) {
            case "help" -> System.out.println(Cli.USAGE);
            case "check-config" -> System.exit(MeridianApp.checkConfig());
            case "backtest" -> {
                try {
                    System.exit(BacktestCommand.run(cli.rest()));
                } catch (Cli.UsageException e) {
                    System.err.println("meridian: " + e.getMessage());
                    System.err.println(Cli.USAGE);
                    System.exit(2);
                } catch (java.io.IOException | RuntimeException e) {
                    Logger.getLogger(Main.class.getName()).log(Level.SEVERE, "backtest failed", e);
                    System.err.println("meridian: backtest failed: " + e.getMessage());
                    System.exit(1);
                }
            }
            case "run" -> {
                try {
                    MeridianApp.run(cli);
                } catch (MeridianApp.StartupException e) {
                    System.err.println("meridian: " + e.getMessage());
                    System.exit(e.exitCode());
                } catch (RuntimeException e) {
                    Logger.getLogger(Main.class.getName()).log(Level.SEVERE, "start-up failed", e);
                    System.err.println("meridian: start-up failed: " + e.getMessage());
                    System.exit(1);
                }
            }
            default -> throw new IllegalStateException("unhandled command " + cli.command());
        }
    }
}
