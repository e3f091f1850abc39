package cn.township.mediation.roster;

/** What a member of the legal mediation team (法律调解队) is. */
public enum TeamRole {
    /** 驻村法律顾问 */
    LEGAL_ADVISER,
    /** 民警 */
    POLICE,
    /** 机关干部 */
    OFFICIAL,
    /** 法律明白人 */
    LEGAL_LITERATE_VILLAGER,
    /** 三老 */
    ELDER,
    /** 村干部 */
    VILLAGE_CADRE
}
