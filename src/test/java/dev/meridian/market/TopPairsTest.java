package dev.meridian.market;

import static dev.meridian.core.Category.LINEAR;
import static dev.meridian.core.Category.OPTION;
import static dev.meridian.core.Category.SPOT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meridian.config.LiveMarketConfig.TopPairsConfig;
import dev.meridian.core.Category;
import dev.meridian.core.Instrument;
import dev.meridian.core.Ticker;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TopPairsTest {
    private static final Map<Category, List<String>> CORE =
            Map.of(SPOT, List.of("BTCUSDT", "ETHUSDT"), LINEAR, List.of("BTCUSDT"));
    /** At most 2 extra per category, 50 M turnover, 5 bps spread, USDT. */
    private static final TopPairsConfig SETTINGS =
            new TopPairsConfig(2, new BigDecimal("50000000"), new BigDecimal("5"), "USDT", 900);

    private static Ticker ticker(Category c, String symbol, String turnover, String bid, String ask) {
        return new Ticker(c, symbol, 1L, null, bid == null ? null : new BigDecimal(bid),
                ask == null ? null : new BigDecimal(ask), null, turnover == null ? null : new BigDecimal(turnover),
                null, null, null, null, null, null, null, null);
    }

    /** A liquid ticker: 1 bp spread around 100. */
    private static Ticker liquid(Category c, String symbol, String turnover) {
        return ticker(c, symbol, turnover, "99.995", "100.005");
    }

    private static Instrument instrument(Category c, String symbol, String status, String quote) {
        return new Instrument(c, symbol, status, symbol.substring(0, 3), quote, new BigDecimal("0.01"),
                new BigDecimal("0.001"), null, null, new BigDecimal("5"), null, null, Optional.empty());
    }

    private static Instrument trading(Category c, String symbol) {
        return instrument(c, symbol, "Trading", "USDT");
    }

    /** Instruments for every ticker symbol, all trading in USDT. */
    private static List<Instrument> listed(Category c, List<Ticker> tickers) {
        List<Instrument> out = new ArrayList<>();
        for (Ticker t : tickers) out.add(trading(c, t.symbol()));
        return out;
    }

    @Test
    void ranksByTurnoverKeepsTheCoreAndAddsAtMostMaxPerCategory() {
        List<Ticker> spot = List.of(liquid(SPOT, "BTCUSDT", "900000000"), liquid(SPOT, "ETHUSDT", "400000000"),
                liquid(SPOT, "SOLUSDT", "300000000"), liquid(SPOT, "XRPUSDT", "500000000"),
                liquid(SPOT, "DOGEUSDT", "200000000"));
        List<Ticker> linear = List.of(liquid(LINEAR, "BTCUSDT", "9000000000"), liquid(LINEAR, "ETHUSDT", "5000000000"),
                liquid(LINEAR, "SOLUSDT", "1000000000"), liquid(LINEAR, "PEPEUSDT", "800000000"));

        TopPairs.Update u = new TopPairs(CORE, SETTINGS).rank(Map.of(SPOT, spot, LINEAR, linear),
                Map.of(SPOT, listed(SPOT, spot), LINEAR, listed(LINEAR, linear)), Map.of());

        assertThat(u.universe()).containsOnlyKeys(SPOT, LINEAR);
        assertThat(u.universe().get(SPOT)).containsExactly("BTCUSDT", "XRPUSDT", "ETHUSDT", "SOLUSDT");
        assertThat(u.universe().get(LINEAR)).containsExactly("BTCUSDT", "ETHUSDT", "SOLUSDT");
        assertThat(u.added().get(SPOT)).containsExactly("BTCUSDT", "ETHUSDT", "SOLUSDT", "XRPUSDT");
        assertThat(u.removed().get(SPOT)).isEmpty();
        assertThat(u.changed()).isTrue();
    }

    @Test
    void eachFilterExcludesASymbolThatWouldOtherwiseRankFirst() {
        List<Ticker> spot = List.of(
                liquid(SPOT, "BTCUSDT", "100000000"),
                liquid(SPOT, "ETHUSDT", "100000000"),
                liquid(SPOT, "LOWUSDT", "49999999.99"),
                ticker(SPOT, "WIDEUSDT", "900000000", "99.9", "100.1"),
                liquid(SPOT, "HALTUSDT", "900000000"),
                liquid(SPOT, "BTCUSDC", "900000000"),
                liquid(SPOT, "GHOSTUSDT", "900000000"),
                ticker(SPOT, "NOBIDUSDT", "900000000", null, "100"),
                ticker(SPOT, "ZEROUSDT", "900000000", "0", "0.01"),
                ticker(SPOT, "CROSSUSDT", "900000000", "100.01", "100"),
                ticker(SPOT, "NOTURNUSDT", null, "99.995", "100.005"),
                liquid(SPOT, "OKUSDT", "60000000"));
        List<Instrument> instruments = new ArrayList<>(listed(SPOT, spot));
        instruments.removeIf(i -> i.symbol().equals("GHOSTUSDT") || i.symbol().equals("HALTUSDT")
                || i.symbol().equals("BTCUSDC"));
        instruments.add(instrument(SPOT, "HALTUSDT", "PreLaunch", "USDT"));
        instruments.add(instrument(SPOT, "BTCUSDC", "Trading", "USDC"));

        TopPairs.Update u = new TopPairs(CORE, SETTINGS).rank(Map.of(SPOT, spot, LINEAR, List.of()),
                Map.of(SPOT, instruments, LINEAR, List.of()), Map.of());

        assertThat(u.universe().get(SPOT)).containsExactly("BTCUSDT", "ETHUSDT", "OKUSDT");
    }

    @Test
    void aSpreadOfExactlyTheMaximumPasses() {
        // mid 100, ask − bid 0.05: exactly 5 bps
        List<Ticker> spot = List.of(ticker(SPOT, "EDGEUSDT", "60000000", "99.975", "100.025"),
                ticker(SPOT, "OVERUSDT", "70000000", "99.9749", "100.0251"));

        TopPairs.Update u = new TopPairs(Map.of(), SETTINGS).rank(Map.of(SPOT, spot, LINEAR, List.of()),
                Map.of(SPOT, listed(SPOT, spot), LINEAR, List.of()), Map.of());

        assertThat(u.universe().get(SPOT)).containsExactly("EDGEUSDT");
    }

    @Test
    void coreSymbolsStayWhateverTheirDataAndDoNotUseUpRankedSlots() {
        // core ETHUSDT has no ticker at all, core BTCUSDT a wide spread and no instrument
        List<Ticker> spot = List.of(ticker(SPOT, "BTCUSDT", "1", "90", "110"), liquid(SPOT, "AAAUSDT", "70000000"),
                liquid(SPOT, "BBBUSDT", "60000000"), liquid(SPOT, "CCCUSDT", "55000000"));
        List<Instrument> instruments = listed(SPOT, spot.subList(1, 4));

        TopPairs.Update u = new TopPairs(CORE, SETTINGS).rank(Map.of(SPOT, spot, LINEAR, List.of()),
                Map.of(SPOT, instruments, LINEAR, List.of()), Map.of());

        // ranked by turnover; a symbol without a ticker sorts last
        assertThat(u.universe().get(SPOT)).containsExactly("AAAUSDT", "BBBUSDT", "BTCUSDT", "ETHUSDT");
        assertThat(u.universe().get(LINEAR)).containsExactly("BTCUSDT");
    }

    @Test
    void equalTurnoverIsOrderedBySymbolWhateverTheScale() {
        List<Ticker> spot = List.of(liquid(SPOT, "ZZZUSDT", "60000000.00"), liquid(SPOT, "AAAUSDT", "60000000"),
                liquid(SPOT, "MMMUSDT", "60000000.0"));

        TopPairs.Update u = new TopPairs(Map.of(), new TopPairsConfig(3, new BigDecimal("50000000"),
                new BigDecimal("5"), "USDT", 900)).rank(Map.of(SPOT, spot, LINEAR, List.of()),
                Map.of(SPOT, listed(SPOT, spot), LINEAR, List.of()), Map.of());

        assertThat(u.universe().get(SPOT)).containsExactly("AAAUSDT", "MMMUSDT", "ZZZUSDT");
    }

    @Test
    void theDiffAgainstThePreviousUniverseListsAddedAndRemovedSymbols() {
        TopPairs top = new TopPairs(CORE, SETTINGS);
        List<Ticker> before = List.of(liquid(SPOT, "BTCUSDT", "900000000"), liquid(SPOT, "SOLUSDT", "300000000"),
                liquid(SPOT, "XRPUSDT", "200000000"), liquid(SPOT, "DOGEUSDT", "100000000"));
        TopPairs.Update first = top.rank(Map.of(SPOT, before, LINEAR, List.of()),
                Map.of(SPOT, listed(SPOT, before), LINEAR, List.of()), Map.of());
        assertThat(first.universe().get(SPOT)).containsExactly("BTCUSDT", "SOLUSDT", "XRPUSDT", "ETHUSDT");

        List<Ticker> after = List.of(liquid(SPOT, "BTCUSDT", "900000000"), liquid(SPOT, "SOLUSDT", "300000000"),
                liquid(SPOT, "XRPUSDT", "100000000"), liquid(SPOT, "DOGEUSDT", "400000000"));
        TopPairs.Update second = top.rank(Map.of(SPOT, after, LINEAR, List.of()),
                Map.of(SPOT, listed(SPOT, after), LINEAR, List.of()), first.universe());

        assertThat(second.universe().get(SPOT)).containsExactly("BTCUSDT", "DOGEUSDT", "SOLUSDT", "ETHUSDT");
        assertThat(second.added()).containsEntry(SPOT, List.of("DOGEUSDT")).containsEntry(LINEAR, List.of());
        assertThat(second.removed()).containsEntry(SPOT, List.of("XRPUSDT")).containsEntry(LINEAR, List.of());
        assertThat(second.changed()).isTrue();

        TopPairs.Update third = top.rank(Map.of(SPOT, after, LINEAR, List.of()),
                Map.of(SPOT, listed(SPOT, after), LINEAR, List.of()), second.universe());
        assertThat(third.changed()).isFalse();
        assertThat(third.universe()).isEqualTo(second.universe());
    }

    @Test
    void aCategoryThatLeavesTheCoreShowsAsRemoved() {
        TopPairs top = new TopPairs(Map.of(SPOT, List.of("BTCUSDT")), new TopPairsConfig(0, BigDecimal.ZERO,
                BigDecimal.ONE, "USDT", 900));

        TopPairs.Update u = top.rank(Map.of(), Map.of(), Map.of(OPTION, List.of("BTC-29JUL22-25000-C")));

        assertThat(u.universe()).isEqualTo(Map.of(SPOT, List.of("BTCUSDT"), OPTION, List.of()));
        assertThat(u.removed()).containsEntry(OPTION, List.of("BTC-29JUL22-25000-C"));
    }

    @Test
    void withRankingOffOnlyTheCoreIsStreamedAndNoMarketDataIsNeeded() {
        Map<Category, List<String>> core = Map.of(SPOT, List.of("ETHUSDT", "BTCUSDT"), OPTION,
                List.of("BTC-29JUL22-25000-C"));
        TopPairs top = new TopPairs(core, new TopPairsConfig(0, new BigDecimal("50000000"), new BigDecimal("5"),
                "USDT", 900));

        TopPairs.Update u = top.rank(Map.of(), Map.of(), Map.of());

        assertThat(u.universe()).isEqualTo(Map.of(SPOT, List.of("BTCUSDT", "ETHUSDT"),
                OPTION, List.of("BTC-29JUL22-25000-C")));
    }

    @Test
    void missingMarketDataForARankedCategoryIsRefusedRatherThanReadAsNothingQualifies() {
        TopPairs top = new TopPairs(CORE, SETTINGS);

        assertThatThrownBy(() -> top.rank(Map.of(SPOT, List.of()), Map.of(SPOT, List.of(), LINEAR, List.of()), Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("Top_Pairs needs LINEAR tickers to rank");
    }

    @Test
    void aRepeatedTickerIsRefused() {
        List<Ticker> spot = List.of(liquid(SPOT, "SOLUSDT", "60000000"), liquid(SPOT, "SOLUSDT", "70000000"));

        assertThatThrownBy(() -> new TopPairs(CORE, SETTINGS).rank(Map.of(SPOT, spot, LINEAR, List.of()),
                Map.of(SPOT, listed(SPOT, spot), LINEAR, List.of()), Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("SPOT ticker SOLUSDT appears twice");
    }
}
