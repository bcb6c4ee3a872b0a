package dev.meridian.bus;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Addresses used with {@code send} are point-to-point: Vert.x hands each message to one consumer,
 * round-robin, so a second consumer silently steals part of them (a watcher once took half of the
 * portfolio's fills and watermarks). The decision chain's inboxes may each have exactly one
 * consumer in the main sources. ({@code md.ack} has one per market source, and only one source is
 * ever deployed.)
 */
class PointToPointAddressesTest {
    @Test
    void eachInboxOfTheDecisionChainHasExactlyOneConsumer() throws IOException {
        List<Path> sources;
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            sources = files.filter(p -> p.toString().endsWith(".java")).toList();
        }
        for (String inbox : List.of("EVT_EXEC", "CMD_EXEC_ORDER", "CMD_RISK_INTENT")) {
            long consumers = 0;
            String needle = "consumer(Addresses." + inbox + ",";
            for (Path p : sources) {
                String text = Files.readString(p);
                for (int from = text.indexOf(needle); from >= 0; from = text.indexOf(needle, from + needle.length())) {
                    consumers++;
                }
            }
            assertThat(consumers).as(inbox + " consumers").isEqualTo(1);
        }
    }
}
