package dev.meridian.exchange.paper;

import dev.meridian.core.Category;
import dev.meridian.core.Side;
import dev.meridian.exchange.Execution;
import dev.meridian.exchange.OrderRequest;
import dev.meridian.exchange.OrderStatus;
import dev.meridian.exchange.OrderType;
import dev.meridian.exchange.paper.PaperVenue.OrderState;
import dev.meridian.exchange.paper.PaperVenue.SubmitResult;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

public class PaperVenueTest {
    private static final String SYM = "BTCUSDT";

    // Maker 1 bps, taker 6 bps, slippage 10 bps unless a test says otherwise.
    private static PaperVenue venue() {
        return new PaperVenue(new BigDecimal("1"), new BigDecimal("6"), new BigDecimal("10"));
    }

    private static BigDecimal d(String s) { return new BigDecimal(s); }

    private static OrderRequest market(String id, Side side, String qty) {
        return OrderRequest.market(id, Category.LINEAR, SYM, side, d(qty), d("100"), 1_000);
    }

    private static OrderRequest limit(String id, Side side, String qty, String price, boolean postOnly) {
        return new OrderRequest(id, Category.LINEAR, SYM, side, OrderType.LIMIT, d(qty), Optional.of(d(price)), postOnly,
                false, d(price), 1_000);
    }

    // bid 100.00 × 2, ask 100.50 × 3
    private static void quote(PaperVenue v) {
        assertThat(v.onQuote(SYM, d("100.00"), d("2"), d("100.50"), d("3"), 500)).isEmpty();
    }

    private static void assertExec(Execution e, String execId, String qty, String price, String fee, boolean maker) {
        assertThat(e.execId()).isEqualTo(execId);
        assertThat(e.qty()).isEqualByComparingTo(qty);
        assertThat(e.price()).isEqualByComparingTo(price);
        assertThat(e.fee()).isEqualByComparingTo(fee);
        assertThat(e.maker()).isEqualTo(maker);
        assertThat(e.symbol()).isEqualTo(SYM);
    }

    @Test
    void marketBuyWithinDisplayedSizeFillsAtTheAsk() {
        PaperVenue v = venue();
        quote(v);
        SubmitResult r = v.submit(market("m1", Side.BUY, "1.5"));
        assertThat(r.status()).isEqualTo(OrderStatus.FILLED);
        assertThat(r.rejectReason()).isEmpty();
        assertThat(r.executions()).hasSize(1);
        // fee = 1.5 × 100.50 × 6 / 10⁴ = 150.75 × 0.0006 = 0.09045
        assertExec(r.executions().get(0), "m1-1", "1.5", "100.50", "0.09045", false);
        assertThat(r.executions().get(0).timeMs()).isEqualTo(1_000);
        assertThat(r.executions().get(0).orderLinkId()).isEqualTo("m1");
    }

    @Test
    void marketBuyBeyondDisplayedSizeSlipsTheRemainderAndConsumesTheSize() {
        PaperVenue v = venue();
        quote(v);
        SubmitResult r = v.submit(market("m1", Side.BUY, "5"));
        assertThat(r.status()).isEqualTo(OrderStatus.FILLED);
        assertThat(r.executions()).hasSize(2);
        // 3 at the ask: fee = 3 × 100.50 × 0.0006 = 0.1809
        assertExec(r.executions().get(0), "m1-1", "3", "100.50", "0.1809", false);
        // 2 at 100.50 × (1 + 10 bps) = 100.6005: fee = 201.201 × 0.0006 = 0.1207206
        assertExec(r.executions().get(1), "m1-2", "2", "100.6005", "0.1207206", false);
        OrderState s = v.status("m1").orElseThrow();
        // notional 301.5 + 201.201 = 502.701; avg = 502.701 / 5 = 100.5402
        assertThat(s.cumQty()).isEqualByComparingTo("5");
        assertThat(s.cumNotional()).isEqualByComparingTo("502.701");
        assertThat(s.avgPrice()).hasValueSatisfying(p -> assertThat(p).isEqualByComparingTo("100.5402"));

        // The displayed 3 were taken, so until the next quote everything fills at the slipped price.
        SubmitResult again = v.submit(market("m2", Side.BUY, "1"));
        assertThat(again.executions()).hasSize(1);
        assertExec(again.executions().get(0), "m2-1", "1", "100.6005", "0.0603603", false);
    }

    @Test
    void marketWithOnlyALastTradeFillsThereSlipped() {
        PaperVenue v = venue();
        assertThat(v.onTrade(SYM, d("200"), d("0.1"), 400)).isEmpty();
        SubmitResult r = v.submit(market("s1", Side.SELL, "0.5"));
        assertThat(r.status()).isEqualTo(OrderStatus.FILLED);
        // 200 × (1 − 10 bps) = 199.8; fee = 0.5 × 199.8 × 0.0006 = 0.05994
        assertThat(r.executions()).hasSize(1);
        assertExec(r.executions().get(0), "s1-1", "0.5", "199.8", "0.05994", false);
    }

    @Test
    void marketWithNoPriceIsRejected() {
        PaperVenue v = venue();
        SubmitResult r = v.submit(market("m1", Side.BUY, "1"));
        assertThat(r.status()).isEqualTo(OrderStatus.REJECTED);
        assertThat(r.rejectReason()).contains("no price for BTCUSDT");
        assertThat(r.executions()).isEmpty();
        assertThat(v.status("m1").orElseThrow().status()).isEqualTo(OrderStatus.REJECTED);
    }

    @Test
    void postOnlyThatWouldCrossIsRejected() {
        PaperVenue v = venue();
        quote(v);
        assertThat(v.submit(limit("b1", Side.BUY, "1", "100.50", true)).rejectReason()).contains("post-only would cross");
        assertThat(v.submit(limit("b2", Side.BUY, "1", "101", true)).status()).isEqualTo(OrderStatus.REJECTED);
        assertThat(v.submit(limit("s1", Side.SELL, "1", "100.00", true)).rejectReason()).contains("post-only would cross");
        assertThat(v.submit(limit("b3", Side.BUY, "1", "100.49", true)).status()).isEqualTo(OrderStatus.NEW);
        assertThat(v.submit(limit("s2", Side.SELL, "1", "100.01", true)).status()).isEqualTo(OrderStatus.NEW);

        // With no book the last trade is the reference.
        PaperVenue noBook = venue();
        noBook.onTrade(SYM, d("200"), d("1"), 400);
        assertThat(noBook.submit(limit("b1", Side.BUY, "1", "200", true)).rejectReason()).contains("post-only would cross");
        assertThat(noBook.submit(limit("b2", Side.BUY, "1", "199.99", true)).status()).isEqualTo(OrderStatus.NEW);
    }

    @Test
    void restingPostOnlyFilledByATradeThroughAsMakerWithARebate() {
        PaperVenue v = new PaperVenue(new BigDecimal("-2.5"), new BigDecimal("6"), new BigDecimal("10"));
        quote(v);
        SubmitResult r = v.submit(limit("b1", Side.BUY, "2", "100.2", true));
        assertThat(r.status()).isEqualTo(OrderStatus.NEW);
        assertThat(r.executions()).isEmpty();
        assertThat(v.onTrade(SYM, d("100.3"), d("5"), 600)).isEmpty();
        // 100.1 < 100.2 prints through: the whole 2 fill at the limit, whatever the printed qty.
        List<Execution> ex = v.onTrade(SYM, d("100.1"), d("0.01"), 700);
        assertThat(ex).hasSize(1);
        // fee = 2 × 100.2 × −2.5 / 10⁴ = 200.4 × −0.00025 = −0.0501 (a rebate)
        assertExec(ex.get(0), "b1-1", "2", "100.2", "-0.0501", true);
        assertThat(ex.get(0).timeMs()).isEqualTo(700);
        assertThat(v.status("b1").orElseThrow().status()).isEqualTo(OrderStatus.FILLED);
        assertThat(v.onTrade(SYM, d("99"), d("1"), 800)).isEmpty();
    }

    @Test
    void limitPartiallyFilledAtItsPriceThenCompletedByALaterTrade() {
        PaperVenue v = venue();
        quote(v);
        assertThat(v.submit(limit("s1", Side.SELL, "3", "101", false)).status()).isEqualTo(OrderStatus.NEW);
        List<Execution> first = v.onTrade(SYM, d("101"), d("1.25"), 600);
        // at the limit: at most the printed 1.25; fee = 1.25 × 101 × 1 / 10⁴ = 0.012625
        assertThat(first).hasSize(1);
        assertExec(first.get(0), "s1-1", "1.25", "101", "0.012625", true);
        assertThat(v.status("s1").orElseThrow().status()).isEqualTo(OrderStatus.PARTIALLY_FILLED);
        assertThat(v.status("s1").orElseThrow().cumQty()).isEqualByComparingTo("1.25");
        assertThat(v.onTrade(SYM, d("100.9"), d("10"), 650)).isEmpty();
        List<Execution> second = v.onTrade(SYM, d("101"), d("5"), 700);
        // the remaining 1.75: fee = 1.75 × 101 × 0.0001 = 0.017675
        assertThat(second).hasSize(1);
        assertExec(second.get(0), "s1-2", "1.75", "101", "0.017675", true);
        OrderState s = v.status("s1").orElseThrow();
        assertThat(s.status()).isEqualTo(OrderStatus.FILLED);
        assertThat(s.cumQty()).isEqualByComparingTo("3");
        assertThat(s.avgPrice()).hasValueSatisfying(p -> assertThat(p).isEqualByComparingTo("101"));
    }

    @Test
    void aPrintAtTheLimitIsSharedInPricePriorityThenSubmissionOrder() {
        PaperVenue v = venue();
        quote(v);
        v.submit(limit("a", Side.BUY, "1", "99.0", true));
        v.submit(limit("b", Side.BUY, "1", "99.2", true));
        v.submit(limit("c", Side.BUY, "1", "99.0", true));
        List<Execution> ex = v.onTrade(SYM, d("99.0"), d("1.5"), 600);
        // b is through (99.2 > 99.0) and fills whole; a and c at the price share the printed 1.5 by submission.
        assertThat(ex).extracting(Execution::execId).containsExactly("b-1", "a-1", "c-1");
        assertThat(ex).extracting(Execution::qty).usingElementComparator(BigDecimal::compareTo)
                .containsExactly(d("1"), d("1"), d("0.5"));
        assertThat(v.status("c").orElseThrow().status()).isEqualTo(OrderStatus.PARTIALLY_FILLED);
    }

    @Test
    void crossingLimitTakesTheDisplayedSizeAsTakerAndRestsTheRest() {
        PaperVenue v = venue();
        quote(v);
        SubmitResult r = v.submit(limit("b1", Side.BUY, "4", "101", false));
        assertThat(r.status()).isEqualTo(OrderStatus.PARTIALLY_FILLED);
        // 3 at the ask 100.50 (better than the limit 101): fee = 301.5 × 0.0006 = 0.1809
        assertThat(r.executions()).hasSize(1);
        assertExec(r.executions().get(0), "b1-1", "3", "100.50", "0.1809", false);
        // A new ask at 100.8 ≤ 101 reaches the rest: 0.4 displayed fill as maker at 101: fee = 40.4 × 0.0001 = 0.00404
        List<Execution> q = v.onQuote(SYM, d("100.6"), d("1"), d("100.8"), d("0.4"), 700);
        assertThat(q).hasSize(1);
        assertExec(q.get(0), "b1-2", "0.4", "101", "0.00404", true);
        // 100.9 prints through 101: the last 0.6 fill; fee = 60.6 × 0.0001 = 0.00606
        List<Execution> t = v.onTrade(SYM, d("100.9"), d("0.1"), 800);
        assertThat(t).hasSize(1);
        assertExec(t.get(0), "b1-3", "0.6", "101", "0.00606", true);
        OrderState s = v.status("b1").orElseThrow();
        assertThat(s.status()).isEqualTo(OrderStatus.FILLED);
        // 301.5 + 40.4 + 60.6 = 402.5
        assertThat(s.cumNotional()).isEqualByComparingTo("402.5");
    }

    @Test
    void crossingLimitWithOnlyALastTradeNeverBeatsAMarketOrder() {
        PaperVenue v = venue();
        v.onTrade(SYM, d("200"), d("1"), 400);
        // market price would be 200 × 1.001 = 200.2; the limit 200.1 is better: fee = 200.1 × 0.0006 = 0.12006
        SubmitResult tight = v.submit(limit("b1", Side.BUY, "1", "200.1", false));
        assertThat(tight.status()).isEqualTo(OrderStatus.FILLED);
        assertExec(tight.executions().get(0), "b1-1", "1", "200.1", "0.12006", false);
        // the limit 250 is worse than 200.2: fee = 200.2 × 0.0006 = 0.12012
        SubmitResult loose = v.submit(limit("b2", Side.BUY, "1", "250", false));
        assertExec(loose.executions().get(0), "b2-1", "1", "200.2", "0.12012", false);
    }

    @Test
    void cancelAfterAPartialKeepsThePartial() {
        PaperVenue v = venue();
        quote(v);
        v.submit(limit("s1", Side.SELL, "3", "101", true));
        assertThat(v.onTrade(SYM, d("101"), d("1"), 600)).hasSize(1);
        OrderState c = v.cancel("s1").orElseThrow();
        assertThat(c.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(c.cumQty()).isEqualByComparingTo("1");
        assertThat(c.avgPrice()).hasValueSatisfying(p -> assertThat(p).isEqualByComparingTo("101"));
        assertThat(v.onTrade(SYM, d("102"), d("10"), 700)).isEmpty();
        assertThat(v.onQuote(SYM, d("102"), d("5"), d("102.5"), d("5"), 800)).isEmpty();
        assertThat(v.cancel("s1").orElseThrow().status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(v.cancel("nope")).isEmpty();
        assertThat(v.status("nope")).isEmpty();
    }

    @Test
    void duplicateOrderLinkIdIsRejectedAndChangesNothing() {
        PaperVenue v = venue();
        quote(v);
        assertThat(v.submit(market("m1", Side.BUY, "1")).status()).isEqualTo(OrderStatus.FILLED);
        SubmitResult dup = v.submit(market("m1", Side.BUY, "1"));
        assertThat(dup.status()).isEqualTo(OrderStatus.REJECTED);
        assertThat(dup.rejectReason()).contains("duplicate orderLinkId");
        assertThat(dup.executions()).isEmpty();
        OrderState s = v.status("m1").orElseThrow();
        assertThat(s.status()).isEqualTo(OrderStatus.FILLED);
        assertThat(s.cumQty()).isEqualByComparingTo("1");
        // The duplicate took none of the displayed size: 2 of the 3 are still there.
        assertThat(v.submit(market("m2", Side.BUY, "2")).executions()).hasSize(1);

        v.submit(limit("r1", Side.SELL, "1", "102", true));
        assertThat(v.submit(limit("r1", Side.SELL, "5", "102", true)).rejectReason()).contains("duplicate orderLinkId");
        List<Execution> ex = v.onTrade(SYM, d("103"), d("100"), 900);
        assertThat(ex).hasSize(1);
        assertThat(ex.get(0).qty()).isEqualByComparingTo("1");
    }

    @Test
    void sellSideMirrorsTheBuySide() {
        PaperVenue v = venue();
        quote(v);
        SubmitResult m = v.submit(market("s1", Side.SELL, "5"));
        // 2 at the bid 100: fee = 200 × 0.0006 = 0.12; 3 at 100 × (1 − 10 bps) = 99.9: fee = 299.7 × 0.0006 = 0.17982
        assertThat(m.executions()).hasSize(2);
        assertExec(m.executions().get(0), "s1-1", "2", "100.00", "0.12", false);
        assertExec(m.executions().get(1), "s1-2", "3", "99.9", "0.17982", false);

        quote(v);
        SubmitResult l = v.submit(limit("s2", Side.SELL, "3", "99.5", false));
        // crosses the bid 100 (better than 99.5): 2 as taker, 1 rests at 99.5
        assertThat(l.status()).isEqualTo(OrderStatus.PARTIALLY_FILLED);
        assertExec(l.executions().get(0), "s2-1", "2", "100.00", "0.12", false);
        // a bid at 99.6 ≥ 99.5 reaches the rest: 1 at 99.5 as maker, fee = 99.5 × 0.0001 = 0.00995
        List<Execution> q = v.onQuote(SYM, d("99.6"), d("4"), d("99.7"), d("4"), 700);
        assertThat(q).hasSize(1);
        assertExec(q.get(0), "s2-2", "1", "99.5", "0.00995", true);

        v.submit(limit("s3", Side.SELL, "2", "100", true));
        // 100.1 prints through a sell at 100: all 2 fill, fee = 200 × 0.0001 = 0.02
        List<Execution> t = v.onTrade(SYM, d("100.1"), d("0.5"), 800);
        assertThat(t).hasSize(1);
        assertExec(t.get(0), "s3-1", "2", "100", "0.02", true);
    }

    @Test
    void reduceOnlyIsRejectedBecauseNoPositionsAreKept() {
        PaperVenue v = venue();
        quote(v);
        OrderRequest r = new OrderRequest("ro", Category.LINEAR, SYM, Side.SELL, OrderType.MARKET, d("1"), Optional.empty(),
                false, true, d("100"), 1_000);
        assertThat(v.submit(r).status()).isEqualTo(OrderStatus.REJECTED);
    }

    @Test
    void feeIsQtyTimesPriceTimesBpsOverTenThousandExactly() {
        PaperVenue v = new PaperVenue(new BigDecimal("1"), new BigDecimal("7.77"), BigDecimal.ZERO);
        v.onQuote(SYM, d("12345.6788"), d("1"), d("12345.6789"), d("1"), 500);
        Execution e = v.submit(market("f1", Side.BUY, "0.123456789")).executions().get(0);
        // 0.123456789 × 12345.6789 = 1524.1578750190521 (123456789² = 15241578750190521, 13 decimals);
        // × 7.77 = 11842.706688898034817; / 10⁴ = 1.1842706688898034817, every digit kept
        assertThat(e.fee()).isEqualTo(new BigDecimal("1.1842706688898034817"));
    }

    @Test
    void avgPriceOfARepeatingQuotientIsRoundedTo34Digits() {
        PaperVenue v = venue();
        v.onQuote(SYM, d("100.00"), d("2"), d("100.50"), d("1"), 500);
        v.submit(limit("b1", Side.BUY, "3", "101", false));
        v.onTrade(SYM, d("100.9"), d("1"), 600);
        // 1 × 100.50 + 2 × 101 = 302.5 over 3 = 100.8333…: 34 significant digits, half-even
        OrderState s = v.status("b1").orElseThrow();
        assertThat(s.cumNotional()).isEqualByComparingTo("302.5");
        assertThat(s.avgPrice()).contains(new BigDecimal("100.8333333333333333333333333333333"));
    }

    @Test
    void sameInputsInTheSameOrderGiveIdenticalExecutions() {
        List<Execution> first = randomSession(42);
        List<Execution> second = randomSession(42);
        assertThat(first).isNotEmpty();
        // Record equality includes every BigDecimal's scale, so this is digit-for-digit.
        assertThat(second).isEqualTo(first);
        assertThat(randomSession(43)).isNotEqualTo(first);
    }

    private static List<Execution> randomSession(long seed) {
        Random rnd = new Random(seed);
        PaperVenue v = new PaperVenue(new BigDecimal("-1"), new BigDecimal("5.5"), new BigDecimal("3"));
        List<Execution> all = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        long mid = 1_000_000; // price in cents
        for (int i = 0; i < 2_000; i++) {
            mid += rnd.nextInt(41) - 20;
            long t = 1_000L + i;
            int what = rnd.nextInt(10);
            if (what < 3) {
                long half = 1 + rnd.nextInt(5);
                all.addAll(v.onQuote(SYM, BigDecimal.valueOf(mid - half, 2), BigDecimal.valueOf(1 + rnd.nextInt(500), 3),
                        BigDecimal.valueOf(mid + half, 2), BigDecimal.valueOf(1 + rnd.nextInt(500), 3), t));
            } else if (what < 6) {
                all.addAll(v.onTrade(SYM, BigDecimal.valueOf(mid + rnd.nextInt(21) - 10, 2),
                        BigDecimal.valueOf(1 + rnd.nextInt(300), 3), t));
            } else if (what < 9) {
                String id = "o" + i;
                ids.add(id);
                Side side = rnd.nextBoolean() ? Side.BUY : Side.SELL;
                BigDecimal qty = BigDecimal.valueOf(1 + rnd.nextInt(400), 3);
                OrderRequest r = rnd.nextInt(4) == 0
                        ? OrderRequest.market(id, Category.LINEAR, SYM, side, qty, BigDecimal.valueOf(mid, 2), t)
                        : new OrderRequest(id, Category.LINEAR, SYM, side, OrderType.LIMIT, qty,
                        Optional.of(BigDecimal.valueOf(mid + rnd.nextInt(31) - 15, 2)), rnd.nextBoolean(), false,
                        BigDecimal.valueOf(mid, 2), t);
                all.addAll(v.submit(r).executions());
            } else if (!ids.isEmpty()) {
                v.cancel(ids.get(rnd.nextInt(ids.size())));
            }
        }
        return all;
    }
}
