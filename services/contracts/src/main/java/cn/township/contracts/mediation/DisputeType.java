package cn.township.contracts.mediation;

/** What a mediation is about. */
public enum DisputeType {
    HOMESTEAD, NEIGHBOUR, DRAINAGE, CONSTRUCTION, FAMILY, CONTRACT, OTHER
}
