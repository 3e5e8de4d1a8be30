package dev.bbinv.sim.estate;

/** A generated estate: its Cloud part and its Data Center part, from one {@link EstateSpec}. */
public record Estate(EstateSpec spec, CloudEstate cloud, ServerEstate server) {
}
