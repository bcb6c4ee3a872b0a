package dev.meridian.exchange.bybit.ws;

import dev.meridian.exchange.bybit.ws.ControlFrame.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Every ack and pong shape of reference section 3, and the frames that must stay data. */
class ControlFrameTest {

    @Test
    void spotAckEchoesReqId() {
        ControlFrame f = ControlFrame.parse("{\"success\":true,\"ret_msg\":\"subscribe\",\"conn_id\":\"2324d924\",\"req_id\":\"10001\",\"op\":\"subscribe\"}");
        assertThat(f.kind()).isEqualTo(Kind.ACK);
        assertThat(f.op()).isEqualTo("subscribe");
        assertThat(f.reqId()).isEqualTo("10001");
        assertThat(f.success()).isTrue();
        assertThat(f.topicLists()).isFalse();
    }

    @Test
    void linearAckWithEmptyReqId() {
        ControlFrame f = ControlFrame.parse("{\"success\":true,\"ret_msg\":\"\",\"conn_id\":\"3cd84cb1\",\"req_id\":\"\",\"op\":\"subscribe\"}");
        assertThat(f.kind()).isEqualTo(Kind.ACK);
        assertThat(f.reqId()).isEmpty();
        assertThat(f.retMsg()).isEmpty();
    }

    @Test
    void spotRefusalWithoutReqId() {
        ControlFrame f = ControlFrame.parse("{\"success\":false,\"ret_msg\":\"args size >10\",\"conn_id\":\"c\",\"op\":\"subscribe\"}");
        assertThat(f.kind()).isEqualTo(Kind.ACK);
        assertThat(f.success()).isFalse();
        assertThat(f.retMsg()).isEqualTo("args size >10");
        assertThat(f.reqId()).isEmpty();
    }

    @Test
    void unsubscribeAck() {
        ControlFrame f = ControlFrame.parse("{\"success\":true,\"ret_msg\":\"\",\"conn_id\":\"c\",\"req_id\":\"7\",\"op\":\"unsubscribe\"}");
        assertThat(f.kind()).isEqualTo(Kind.ACK);
        assertThat(f.op()).isEqualTo("unsubscribe");
    }

    @Test
    void optionCommandRespListsTopics() {
        ControlFrame f = ControlFrame.parse("{\"success\":true,\"conn_id\":\"aa01\",\"data\":{\"failTopics\":[\"tickers.BAD\"],"
                + "\"successTopics\":[\"orderbook.100.BTC-6JAN23-18000-C\"]},\"type\":\"COMMAND_RESP\"}");
        assertThat(f.kind()).isEqualTo(Kind.ACK);
        assertThat(f.op()).isEmpty();
        assertThat(f.topicLists()).isTrue();
        assertThat(f.successTopics()).containsExactly("orderbook.100.BTC-6JAN23-18000-C");
        assertThat(f.failTopics()).containsExactly("tickers.BAD");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"success\":true,\"ret_msg\":\"pong\",\"conn_id\":\"0970e817\",\"op\":\"ping\"}",
            "{\"success\":true,\"ret_msg\":\"pong\",\"conn_id\":\"465772b1\",\"req_id\":\"\",\"op\":\"ping\"}",
            "{\"args\":[\"1672916271846\"],\"op\":\"pong\"}",
            "{\"req_id\":\"test\",\"op\":\"pong\",\"args\":[\"1675418560633\"],\"conn_id\":\"cfcb4ocsvfriu23r3er0-1b\"}",
            "{\"retCode\":0,\"retMsg\":\"OK\",\"op\":\"pong\",\"data\":[\"1711002002529\"],\"connId\":\"x\"}"})
    void everyPongShape(String frame) {
        assertThat(ControlFrame.parse(frame).kind()).isEqualTo(Kind.PONG);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"topic\":\"tickers.BTCUSDT\",\"ts\":1673853746003,\"type\":\"snapshot\",\"cs\":2588407389,\"data\":{\"symbol\":\"BTCUSDT\",\"lastPrice\":\"21109.77\"}}",
            "{\"id\":\"tickers.BTC-6JAN23-17500-C-2480334983-1672917511074\",\"topic\":\"tickers.BTC-6JAN23-17500-C\",\"ts\":1672917511074,\"data\":{}}",
            "{\"type\":\"delta\",\"topic\":\"orderbook.50.BTCUSDT\",\"ts\":1,\"data\":{\"s\":\"BTCUSDT\",\"b\":[],\"a\":[],\"u\":2,\"seq\":3},\"cts\":1}",
            "{\"data\":[{\"T\":1,\"s\":\"BTCUSDT\"}], \"topic\" : \"publicTrade.BTCUSDT\",\"op\":\"subscribe\"}",
            "not json {",
            "",
            "[1,2,3]",
            "42",
            "{\"foo\":1}",
            "{\"success\":true"})
    void dataAndMalformedFramesAreNotControl(String frame) {
        assertThat(ControlFrame.parse(frame)).isNull();
    }

    @Test
    void otherAnswersAreControlButNeitherAckNorPong() {
        assertThat(ControlFrame.parse("{\"success\":true,\"ret_msg\":\"\",\"op\":\"auth\",\"conn_id\":\"c\"}").kind()).isEqualTo(Kind.OTHER);
        assertThat(ControlFrame.parse("{\"success\":false,\"ret_msg\":\"Params Error\"}").kind()).isEqualTo(Kind.OTHER);
    }
}
