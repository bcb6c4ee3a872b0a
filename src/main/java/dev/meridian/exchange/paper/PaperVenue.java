package dev.meridian.exchange.paper;

import dev.meridian.core.Side;
import dev.meridian.exchange.Execution;
import dev.meridian.exchange.OrderRequest;
import dev.meridian.exchange.OrderStatus;
import dev.meridian.exchange.OrderType;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A deterministic simulated exchange: the paper venue and the backtester's. It keeps, per symbol,
 * the last trade price and the top of book (best bid and ask with their displayed sizes) from the
 * {@link #onTrade} and {@link #onQuote} feed, accepts {@link OrderRequest}s, and reports each fill as
 * an {@link Execution}.
 *
 * <h2>Fill model</h2>
 * <ul>
 *   <li><b>MARKET</b> takes the opposite top of book: up to the displayed size at the best price,
 *       the remainder at the best price moved against the order by {@code slippageBps}. That one
 *       slipped price stands in for walking the deeper levels we do not see. With no book it fills
 *       wholly at the last trade price moved by {@code slippageBps}; with neither it is REJECTED
 *       {@code "no price for SYMBOL"}. Taker fee.</li>
 *   <li><b>LIMIT</b> crosses when a buy's limit ≥ best ask (sell: ≤ best bid), or, with no book,
 *       ≥ the last trade (sell: ≤). A post-only order that would cross is REJECTED
 *       {@code "post-only would cross"}. Any other crossing limit fills at once as taker: with a
 *       book, up to the displayed size at the best price (which is at least as good as the limit);
 *       with only a last trade, wholly at the better of the limit and the price a market order would
 *       get, so a marketable limit never beats a market order. What is left rests. A limit with no
 *       price known at all rests.</li>
 *   <li><b>Resting limits</b> fill as maker at their limit price with the maker fee (negative maker
 *       bps gives a negative fee, a rebate). A trade printing strictly through the limit fills the
 *       whole remainder; a trade printing at the limit fills at most the printed qty, shared by all
 *       resting orders at that price; a quote whose opposite side reaches the limit (ask ≤ buy
 *       limit, bid ≥ sell limit) fills up to that side's displayed size.</li>
 *   <li>Our own taker and quote-triggered fills consume the displayed size they took until the next
 *       quote replaces it, so two orders never take the same displayed liquidity twice. Our fills
 *       never move the last trade price, and our own orders never match each other.</li>
 *   <li>Fee = qty × price × bps / 10⁴, exact. Exec ids are {@code orderLinkId + "-" + n}, n counting
 *       that order's executions from 1.</li>
 * </ul>
 *
 * <p>Every event returns the executions it caused in a fixed order: buys before sells, then price
 * priority (highest buy limit, lowest sell limit first), then submission order; so the same inputs in
 * the same order always give equal executions. All arithmetic is exact {@link BigDecimal}.
 *
 * <p>Every submitted {@code orderLinkId} is taken for good, even by a rejected order: a second
 * submission with it is REJECTED {@code "duplicate orderLinkId"} and changes nothing. Reduce-only
 * orders are REJECTED because the venue keeps no positions to check them against. Not thread-safe:
 * one owner (a verticle or the backtest loop) drives it.
 */
public final class PaperVenue {
    private static final BigDecimal BPS = BigDecimal.valueOf(10_000);

    /**
     * What {@link #submit} did: the order's status right after submission and the executions it got
     * at once. Invariant: {@code rejectReason} is present exactly when {@code status} is REJECTED,
     * and a rejected submission has no executions.
     */
    public record SubmitResult(OrderStatus status, List<Execution> executions, Optional<String> rejectReason) {
        public SubmitResult {
            Objects.requireNonNull(status, "status");
            executions = List.copyOf(executions);
            Objects.requireNonNull(rejectReason, "rejectReason");
            if ((status == OrderStatus.REJECTED) != rejectReason.isPresent()) {
                throw new IllegalArgumentException("a reject reason goes with REJECTED and only with it");
            }
            if (status == OrderStatus.REJECTED && !executions.isEmpty()) {
                throw new IllegalArgumentException("a rejected order has no executions");
            }
        }

        static SubmitResult rejected(String reason) {
            return new SubmitResult(OrderStatus.REJECTED, List.of(), Optional.of(reason));
        }
    }

    /**
     * An order's state at the venue. {@code cumNotional} is Σ qty × price over its executions, exact;
     * invariant 0 ≤ cumQty ≤ qty.
     */
    public record OrderState(String orderLinkId, OrderStatus status, BigDecimal qty, BigDecimal cumQty,
                             BigDecimal cumNotional) {
        /**
         * cumNotional / cumQty, empty before the first fill. Exact when the quotient terminates;
         * otherwise (fills at several prices can give a repeating decimal) rounded half-even to 34
         * significant digits.
         */
        public Optional<BigDecimal> avgPrice() {
            if (cumQty.signum() == 0) return Optional.empty();
            try {
                return Optional.of(cumNotional.divide(cumQty));
            } catch (ArithmeticException repeating) {
                return Optional.of(cumNotional.divide(cumQty, MathContext.DECIMAL128));
            }
        }
    }

    private final BigDecimal makerFeeBps;
    private final BigDecimal takerFeeBps;
    private final BigDecimal slippageBps;
    private final Map<String, Working> orders = new HashMap<>();
    private final Map<String, Market> markets = new HashMap<>();
    // Per symbol, in submission order, so ties in price priority break by submission.
    private final Map<String, List<Working>> resting = new HashMap<>();
    private long nextSeq;

    /**
     * @param makerFeeBps fee on resting fills, any sign (negative is a rebate)
     * @param takerFeeBps fee on immediate fills, ≥ 0
     * @param slippageBps how far past the best price a market remainder fills, in [0, 10⁴) so a
     *                    slipped sell price stays positive
     */
    public PaperVenue(BigDecimal makerFeeBps, BigDecimal takerFeeBps, BigDecimal slippageBps) {
        this.makerFeeBps = Objects.requireNonNull(makerFeeBps, "makerFeeBps");
        this.takerFeeBps = Objects.requireNonNull(takerFeeBps, "takerFeeBps");
        this.slippageBps = Objects.requireNonNull(slippageBps, "slippageBps");
        if (takerFeeBps.signum() < 0) throw new IllegalArgumentException("takerFeeBps must be >= 0");
        if (slippageBps.signum() < 0 || slippageBps.compareTo(BPS) >= 0) {
            throw new IllegalArgumentException("slippageBps must be in [0, 10000)");
        }
    }

    /** Records a printed trade and returns the fills it gave resting orders of that symbol. */
    public List<Execution> onTrade(String symbol, BigDecimal price, BigDecimal qty, long timeMs) {
        Objects.requireNonNull(symbol, "symbol");
        requirePositive(price, "trade price");
        requirePositive(qty, "trade qty");
        market(symbol).last = price;
        List<Execution> out = new ArrayList<>();
        BigDecimal printedLeft = qty;
        for (Working w : byPriority(symbol)) {
            int c = w.limit().compareTo(price);
            boolean through = w.req.side() == Side.BUY ? c > 0 : c < 0;
            if (through) {
                out.add(w.fill(w.remaining(), w.limit(), makerFeeBps, true, timeMs));
            } else if (c == 0 && printedLeft.signum() > 0) {
                BigDecimal q = w.remaining().min(printedLeft);
                out.add(w.fill(q, w.limit(), makerFeeBps, true, timeMs));
                printedLeft = printedLeft.subtract(q);
            }
        }
        dropDone(symbol);
        return out;
    }

    /**
     * Replaces the top of book of a symbol (bid ≤ ask, sizes > 0) and returns the fills it gave
     * resting orders the new opposite side reaches.
     */
    public List<Execution> onQuote(String symbol, BigDecimal bid, BigDecimal bidQty, BigDecimal ask, BigDecimal askQty,
                                   long timeMs) {
        Objects.requireNonNull(symbol, "symbol");
        requirePositive(bid, "bid");
        requirePositive(bidQty, "bidQty");
        requirePositive(ask, "ask");
        requirePositive(askQty, "askQty");
        if (bid.compareTo(ask) > 0) {
            throw new IllegalArgumentException("crossed quote: bid " + bid.toPlainString() + " > ask " + ask.toPlainString());
        }
        Market m = market(symbol);
        m.bid = bid;
        m.bidQty = bidQty;
        m.ask = ask;
        m.askQty = askQty;
        List<Execution> out = new ArrayList<>();
        for (Working w : byPriority(symbol)) {
            Side side = w.req.side();
            BigDecimal far = m.far(side);
            boolean reached = side == Side.BUY ? far.compareTo(w.limit()) <= 0 : far.compareTo(w.limit()) >= 0;
            BigDecimal q = w.remaining().min(m.farQty(side));
            if (reached && q.signum() > 0) {
                out.add(w.fill(q, w.limit(), makerFeeBps, true, timeMs));
                m.consume(side, q);
            }
        }
        dropDone(symbol);
        return out;
    }

    /** Accepts, fills and/or rests an order, or rejects it; see the class comment for the rules. */
    public SubmitResult submit(OrderRequest r) {
        Objects.requireNonNull(r, "r");
        if (orders.containsKey(r.orderLinkId())) return SubmitResult.rejected("duplicate orderLinkId");
        Working w = new Working(r, nextSeq++);
        orders.put(r.orderLinkId(), w);
        if (r.reduceOnly()) return w.reject("reduce-only is not modelled: the paper venue keeps no positions");
        Market m = market(r.symbol());
        return r.type() == OrderType.MARKET ? submitMarket(w, m) : submitLimit(w, m);
    }

    /**
     * Cancels an open order; its executions stay. An order already final is left as it is.
     *
     * @return the order's state after the cancel, empty for an unknown orderLinkId
     */
    public Optional<OrderState> cancel(String orderLinkId) {
        Working w = orders.get(orderLinkId);
        if (w == null) return Optional.empty();
        if (!w.status.isFinal()) {
            w.status = OrderStatus.CANCELLED;
            resting.get(w.req.symbol()).remove(w);
        }
        return Optional.of(w.state());
    }

    /** The order's current state, empty for an unknown orderLinkId. */
    public Optional<OrderState> status(String orderLinkId) {
        return Optional.ofNullable(orders.get(orderLinkId)).map(Working::state);
    }

    private SubmitResult submitMarket(Working w, Market m) {
        OrderRequest r = w.req;
        Side side = r.side();
        List<Execution> out = new ArrayList<>();
        if (m.hasBook()) {
            BigDecimal best = m.far(side);
            BigDecimal atBest = w.remaining().min(m.farQty(side));
            if (atBest.signum() > 0) {
                out.add(w.fill(atBest, best, takerFeeBps, false, r.timeMs()));
                m.consume(side, atBest);
            }
            if (w.remaining().signum() > 0) out.add(w.fill(w.remaining(), slip(best, side), takerFeeBps, false, r.timeMs()));
        } else if (m.last != null) {
            out.add(w.fill(w.remaining(), slip(m.last, side), takerFeeBps, false, r.timeMs()));
        } else {
            return w.reject("no price for " + r.symbol());
        }
        return new SubmitResult(w.status, out, Optional.empty());
    }

    private SubmitResult submitLimit(Working w, Market m) {
        OrderRequest r = w.req;
        Side side = r.side();
        BigDecimal limit = w.limit();
        BigDecimal against = m.hasBook() ? m.far(side) : m.last;
        boolean crosses = against != null
                && (side == Side.BUY ? limit.compareTo(against) >= 0 : limit.compareTo(against) <= 0);
        if (crosses && r.postOnly()) return w.reject("post-only would cross");
        List<Execution> out = new ArrayList<>();
        if (crosses && m.hasBook()) {
            BigDecimal q = w.remaining().min(m.farQty(side));
            if (q.signum() > 0) {
                // Crossing means the best price is at least as good as the limit, so it is the better of the two.
                out.add(w.fill(q, against, takerFeeBps, false, r.timeMs()));
                m.consume(side, q);
            }
        } else if (crosses) {
            BigDecimal price = better(side, limit, slip(m.last, side));
            out.add(w.fill(w.remaining(), price, takerFeeBps, false, r.timeMs()));
        }
        if (w.remaining().signum() > 0) resting.computeIfAbsent(r.symbol(), s -> new ArrayList<>()).add(w);
        return new SubmitResult(w.status, out, Optional.empty());
    }

    private Market market(String symbol) {
        return markets.computeIfAbsent(symbol, s -> new Market());
    }

    private List<Working> byPriority(String symbol) {
        List<Working> open = new ArrayList<>(resting.getOrDefault(symbol, List.of()));
        open.sort(PRIORITY);
        return open;
    }

    private void dropDone(String symbol) {
        List<Working> open = resting.get(symbol);
        if (open != null) open.removeIf(w -> w.status.isFinal());
    }

    private BigDecimal slip(BigDecimal price, Side side) {
        BigDecimal move = price.multiply(slippageBps).divide(BPS);
        return side == Side.BUY ? price.add(move) : price.subtract(move);
    }

    private static BigDecimal better(Side side, BigDecimal a, BigDecimal b) {
        return side == Side.BUY ? a.min(b) : a.max(b);
    }

    private static void requirePositive(BigDecimal v, String what) {
        Objects.requireNonNull(v, what);
        if (v.signum() <= 0) throw new IllegalArgumentException(what + " must be > 0, got " + v.toPlainString());
    }

    private static final Comparator<Working> PRIORITY = Comparator
            .comparing((Working w) -> w.req.side())
            .thenComparing(w -> w.req.side() == Side.BUY ? w.limit().negate() : w.limit())
            .thenComparingLong(w -> w.seq);

    /** Top of book and last trade of one symbol; null fields are not known yet. */
    private static final class Market {
        BigDecimal last;
        BigDecimal bid;
        BigDecimal bidQty;
        BigDecimal ask;
        BigDecimal askQty;

        boolean hasBook() { return bid != null; }

        /** The side a taker of {@code side} trades against: the ask for a buy, the bid for a sell. */
        BigDecimal far(Side side) { return side == Side.BUY ? ask : bid; }

        BigDecimal farQty(Side side) { return side == Side.BUY ? askQty : bidQty; }

        void consume(Side side, BigDecimal qty) {
            if (side == Side.BUY) askQty = askQty.subtract(qty);
            else bidQty = bidQty.subtract(qty);
        }
    }

    /** One submitted order and what it has filled so far. */
    private static final class Working {
        final OrderRequest req;
        final long seq;
        OrderStatus status = OrderStatus.NEW;
        BigDecimal cumQty = BigDecimal.ZERO;
        BigDecimal cumNotional = BigDecimal.ZERO;
        int execCount;

        Working(OrderRequest req, long seq) {
            this.req = req;
            this.seq = seq;
        }

        BigDecimal limit() { return req.limitPrice().orElseThrow(); }

        BigDecimal remaining() { return req.qty().subtract(cumQty); }

        Execution fill(BigDecimal qty, BigDecimal price, BigDecimal feeBps, boolean maker, long timeMs) {
            cumQty = cumQty.add(qty);
            cumNotional = cumNotional.add(qty.multiply(price));
            status = remaining().signum() == 0 ? OrderStatus.FILLED : OrderStatus.PARTIALLY_FILLED;
            BigDecimal fee = qty.multiply(price).multiply(feeBps).divide(BPS);
            return new Execution(req.orderLinkId(), req.orderLinkId() + "-" + (++execCount), req.symbol(), qty, price, fee,
                    BigDecimal.ZERO, maker, timeMs);
        }

        SubmitResult reject(String reason) {
            status = OrderStatus.REJECTED;
            return SubmitResult.rejected(reason);
        }

        OrderState state() {
            return new OrderState(req.orderLinkId(), status, req.qty(), cumQty, cumNotional);
        }
    }
}
