package dev.meridian.market;

import dev.meridian.core.Instrument;

import java.util.List;

/** The exchange's instruments of one category after a refresh (tick size, qty step, minimums). */
public record InstrumentsUpdate(List<Instrument> instruments) {
}
