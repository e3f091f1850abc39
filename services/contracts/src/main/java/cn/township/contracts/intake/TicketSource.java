package cn.township.contracts.intake;

/** Where a ticket came from: the city's 12345 system, a grid worker's patrol (未诉先办) or an Open311 client. */
public enum TicketSource {
    HOTLINE_12345, GRID, OPEN311
}
