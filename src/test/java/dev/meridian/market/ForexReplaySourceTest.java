package dev.meridian.market;

import dev.meridian.core.AssetClass;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A FOREX replay's symbol, read from the file name, must be a pair the ledger can book in USD. */
class ForexReplaySourceTest {
    private static final String BARS = "timestamp,open,high,low,close,volume\n"
            + "2024-03-04T00:00:00Z,150.000,150.010,149.990,150.005,10\n"
            + "2024-03-04T00:05:00Z,150.005,150.020,150.000,150.015,12\n";

    @TempDir Path dir;

    @Test
    void pairsWithAUsdLegReplayUnderTheirFileNames() throws IOException {
        for (String name : new String[]{"USD_JPY", "EURUSD", "gbp_usd"}) {
            Path csv = Files.writeString(dir.resolve(name + ".csv"), BARS);
            ReplaySource s = ReplaySource.resolve(csv.toString(), AssetClass.FOREX);
            assertThat(s.symbol()).isEqualTo(name);
            assertThat(s.assetClass()).isEqualTo(AssetClass.FOREX);
        }
    }

    @Test
    void aCrossOrANameThatIsNoPairIsRefusedBeforeTheRunStarts() throws IOException {
        Path cross = Files.writeString(dir.resolve("EUR_JPY.csv"), BARS);
        assertThatThrownBy(() -> ReplaySource.resolve(cross.toString(), AssetClass.FOREX))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot be replayed as FOREX: EUR_JPY is a cross without a USD leg");
        Path notAPair = Files.writeString(dir.resolve("BTCUSDT.csv"), BARS);
        assertThatThrownBy(() -> ReplaySource.resolve(notAPair.toString(), AssetClass.FOREX))
                .hasMessageContaining("'BTCUSDT' is not a forex pair");
        // The same files are fine as another class: only FOREX reads the name as a pair.
        assertThat(ReplaySource.resolve(notAPair.toString(), AssetClass.SPOT).symbol()).isEqualTo("BTCUSDT");
        assertThat(ReplaySource.resolve(cross.toString(), AssetClass.SPOT).symbol()).isEqualTo("EUR_JPY");
    }
}
