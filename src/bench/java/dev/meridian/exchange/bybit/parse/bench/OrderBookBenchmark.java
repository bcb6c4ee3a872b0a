package dev.meridian.exchange.bybit.parse.bench;

import dev.meridian.core.Category;
import dev.meridian.exchange.bybit.parse.BookLevel;
import dev.meridian.exchange.bybit.parse.BybitFrame.BookUpdate;
import dev.meridian.exchange.bybit.parse.OrderBook;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Applying already-decoded updates to a book of {@code depth} levels a side:
 * {@link OrderBook} (sorted arrays) against {@link TreeMapBook}, each followed by a read of the best
 * bid and ask as every consumer does. Deltas come in pairs that undo each other (one level
 * deleted and one inserted mid-book, two sizes changed), so the book stays at full depth.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class OrderBookBenchmark {
    private static final int DELTA_PAIRS = 128;

    @Param({"50", "200"})
    public int depth;

    private BookUpdate snapshot;
    private final List<List<BookLevel>> deltaBids = new ArrayList<>();
    private final List<List<BookLevel>> deltaAsks = new ArrayList<>();
    private OrderBook arrays;
    private TreeMapBook treeMap;
    private long updateId;
    private int next;

    @Setup
    public void setUp() {
        BigDecimal tick = new BigDecimal("0.10");
        BigDecimal bestBid = new BigDecimal("64210.30");
        BigDecimal bestAsk = new BigDecimal("64210.40");
        SplittableRandom random = new SplittableRandom(7);
        List<BookLevel> bids = new ArrayList<>();
        List<BookLevel> asks = new ArrayList<>();
        for (int i = 0; i < depth; i++) {
            bids.add(new BookLevel(bestBid.subtract(tick.multiply(BigDecimal.valueOf(i))), size(random)));
            asks.add(new BookLevel(bestAsk.add(tick.multiply(BigDecimal.valueOf(i))), size(random)));
        }
        snapshot = new BookUpdate(Category.LINEAR, "BTCUSDT", depth, true, 100, 1_000, 1, BookUpdate.ABSENT, bids, asks);
        for (int pair = 0; pair < DELTA_PAIRS; pair++) {
            addPair(bids, random, deltaBids);
            addPair(asks, random, deltaAsks);
        }
        arrays = new OrderBook("BTCUSDT", depth);
        arrays.apply(snapshot);
        treeMap = new TreeMapBook();
        treeMap.apply(snapshot);
        updateId = snapshot.updateId();
    }

    private static BigDecimal size(SplittableRandom random) {
        return BigDecimal.valueOf(1 + random.nextInt(40_000), 3);
    }

    /** A delta and its inverse: delete level i and insert a price half a tick off it; resize two levels. */
    private static void addPair(List<BookLevel> side, SplittableRandom random, List<List<BookLevel>> out) {
        BookLevel removed = side.get(random.nextInt(side.size()));
        BookLevel added = new BookLevel(removed.price().add(new BigDecimal("0.05")), size(random));
        BookLevel resized = side.get(random.nextInt(side.size()));
        BookLevel other = side.get(random.nextInt(side.size()));
        if (resized.price().equals(removed.price()) || other.price().equals(removed.price())) {
            resized = other = side.get(side.indexOf(removed) == 0 ? 1 : 0);
        }
        BigDecimal zero = BigDecimal.ZERO;
        out.add(List.of(new BookLevel(removed.price(), zero), added, new BookLevel(resized.price(), size(random)),
                new BookLevel(other.price(), size(random))));
        out.add(List.of(new BookLevel(added.price(), zero), removed, resized, other));
    }

    private BookUpdate nextDelta() {
        int i = next;
        next = (next + 1) % deltaBids.size();
        return new BookUpdate(Category.LINEAR, "BTCUSDT", depth, false, ++updateId, BookUpdate.ABSENT, updateId,
                BookUpdate.ABSENT, deltaBids.get(i), deltaAsks.get(i));
    }

    @Benchmark
    public void arraysSnapshot(Blackhole bh) {
        bh.consume(arrays.apply(snapshot));
        bh.consume(arrays.bestBid());
        bh.consume(arrays.bestAsk());
    }

    @Benchmark
    public void treeMapSnapshot(Blackhole bh) {
        treeMap.apply(snapshot);
        bh.consume(treeMap.bestBid());
        bh.consume(treeMap.bestAsk());
    }

    @Benchmark
    public void arraysDelta(Blackhole bh) {
        bh.consume(arrays.apply(nextDelta()));
        bh.consume(arrays.bestBid());
        bh.consume(arrays.bestAsk());
    }

    @Benchmark
    public void treeMapDelta(Blackhole bh) {
        treeMap.apply(nextDelta());
        bh.consume(treeMap.bestBid());
        bh.consume(treeMap.bestAsk());
    }
}
