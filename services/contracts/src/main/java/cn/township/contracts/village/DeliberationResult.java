package cn.township.contracts.village;

/** How a deliberation (村民议事) ended. */
public enum DeliberationResult {
    ADOPTED, REJECTED, NO_QUORUM
}
