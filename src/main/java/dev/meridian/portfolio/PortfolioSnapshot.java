package dev.meridian.portfolio;

import dev.meridian.core.AssetClass;
import dev.meridian.core.ForexPair;
import dev.meridian.core.Side;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/** An immutable view of the whole portfolio: what the API serves and risk sizes against. */
public record PortfolioSnapshot(BigDecimal totalEquity, List<SubLedgerView> subLedgers, List<PositionView> positions) {
    /** One sub-ledger. {@code equity = cash + market value of its positions}. */
    public record SubLedgerView(AssetClass assetClass, BigDecimal equity, BigDecimal cash, BigDecimal cap,
                                BigDecimal realizedNetPnl, BigDecimal unrealizedPnl, boolean halted) {
    }

    /** One open position, marked at {@code lastPrice}. */
    public record PositionView(String symbol, AssetClass assetClass, Side side, BigDecimal qty, BigDecimal entryPrice,
                               BigDecimal stopPrice, BigDecimal lastPrice, BigDecimal unrealizedPnl, long entryTimeMs,
                               boolean paper, BigDecimal leverage) {
    }

    public Optional<SubLedgerView> ledger(AssetClass c) {
        return subLedgers.stream().filter(l -> l.assetClass() == c).findFirst();
    }

    public long openPositions() { return positions.size(); }

    /** The USD notional the symbol's open positions in class {@code c} hold at their last prices (see {@link ForexPair} for FOREX). */
    public BigDecimal exposureUsd(String symbol, AssetClass c) {
        return positions.stream().filter(p -> p.symbol().equals(symbol) && p.assetClass() == c)
                .map(p -> c == AssetClass.FOREX ? ForexPair.parse(symbol).usdNotional(p.qty(), p.lastPrice())
                        : p.qty().multiply(p.lastPrice()))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
