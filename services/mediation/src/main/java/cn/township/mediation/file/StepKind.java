package cn.township.mediation.file;

/** The three-step method (三步工作法), in order. */
public enum StepKind {
    /** 诚心提醒双方邻居: a reminder to both sides. */
    REMINDER,
    /** 入户用情调解: officials, cadres and party members visit and mediate at home. */
    HOME_VISIT,
    /** 下交 with a tailored plan for this very ticket. */
    HAND_DOWN_PLAN
}
