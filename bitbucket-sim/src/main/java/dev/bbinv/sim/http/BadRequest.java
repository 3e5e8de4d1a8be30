package dev.bbinv.sim.http;

/** A request parameter the simulator refuses; answered as 400 with the dialect's error body. */
final class BadRequest extends RuntimeException {
    private final String parameter;

    BadRequest(String parameter, String message) {
        super(message);
        this.parameter = parameter;
    }

    String parameter() {
        return parameter;
    }
}
