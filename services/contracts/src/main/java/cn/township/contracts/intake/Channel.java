package cn.township.contracts.intake;

/** How the citizen reached 12345. */
public enum Channel {
    PHONE, WEB, APP, WECHAT, OTHER
}
