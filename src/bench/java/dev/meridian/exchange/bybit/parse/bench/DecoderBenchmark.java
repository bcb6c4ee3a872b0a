package dev.meridian.exchange.bybit.parse.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.meridian.core.Category;
import dev.meridian.exchange.bybit.parse.BybitFrame;
import dev.meridian.exchange.bybit.parse.BybitFrame.BookUpdate;
import dev.meridian.exchange.bybit.parse.BybitFrameDecoder;
import dev.meridian.exchange.bybit.parse.OrderBook;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * Frames per second through {@link BybitFrameDecoder} (streaming, field-selective, exact decimals)
 * beside Jackson's {@code ObjectMapper.readTree} of the same frames: the tree is the baseline the
 * design note compares with, and it does less work (no decimals built, nothing validated).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class DecoderBenchmark {
    private final ObjectMapper mapper = new ObjectMapper();
    private BybitFrameDecoder decoder;
    private OrderBook book;

    @Setup
    public void setUp() {
        decoder = new BybitFrameDecoder(Category.LINEAR);
        book = new OrderBook("BTCUSDT", 50);
        for (String frame : new String[]{Frames.TICKER_SNAPSHOT, Frames.TICKER_DELTA, Frames.TRADE, Frames.BOOK_50_SNAPSHOT}) {
            if (decoder.decode(frame) instanceof BybitFrame.Malformed m) throw new IllegalStateException(m.reason());
        }
    }

    @Benchmark
    public BybitFrame decodeTickerSnapshot() {
        return decoder.decode(Frames.TICKER_SNAPSHOT);
    }

    @Benchmark
    public BybitFrame decodeTickerDelta() {
        return decoder.decode(Frames.TICKER_DELTA);
    }

    @Benchmark
    public BybitFrame decodeTrade() {
        return decoder.decode(Frames.TRADE);
    }

    @Benchmark
    public BybitFrame decodeBook50Snapshot() {
        return decoder.decode(Frames.BOOK_50_SNAPSHOT);
    }

    /** The whole path of a book frame: decode, then replace the local book with it. */
    @Benchmark
    public OrderBook.Outcome decodeAndApplyBook50Snapshot() {
        return book.apply((BookUpdate) decoder.decode(Frames.BOOK_50_SNAPSHOT));
    }

    @Benchmark
    public JsonNode readTreeTickerSnapshot() throws JsonProcessingException {
        return mapper.readTree(Frames.TICKER_SNAPSHOT);
    }

    @Benchmark
    public JsonNode readTreeTickerDelta() throws JsonProcessingException {
        return mapper.readTree(Frames.TICKER_DELTA);
    }

    @Benchmark
    public JsonNode readTreeTrade() throws JsonProcessingException {
        return mapper.readTree(Frames.TRADE);
    }

    @Benchmark
    public JsonNode readTreeBook50Snapshot() throws JsonProcessingException {
        return mapper.readTree(Frames.BOOK_50_SNAPSHOT);
    }
}
