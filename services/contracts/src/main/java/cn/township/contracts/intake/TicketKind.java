package cn.township.contracts.intake;

/** 咨询, 求助, 投诉, 举报, 建议. */
public enum TicketKind {
    INQUIRY, HELP, COMPLAINT, REPORT, SUGGESTION
}
