package dev.meridian.exchange;

import java.util.List;

/** The answer to {@code cmd.exec.status}: each live venue's state and the live orders not yet booked. */
public record ExecStatus(List<Venue> venues, int openLiveOrders) {
    public record Venue(String name, boolean ready, String status) {
    }

    public ExecStatus {
        venues = List.copyOf(venues);
    }
}
