package io.logaggregate.ruby;

/**
 * A task's packed map held in a field, as the aggregate stage holds it between two calls: what the
 * tests and benchmarks of aggregate code hand to {@link AggregateCode#call}.
 */
class HeldMap implements AggregateCode.MapHolder {
    byte[] packed;

    HeldMap(byte[] packed) {
        this.packed = packed;
    }

    @Override
    public byte[] packedMap() {
        return packed;
    }

    @Override
    public void packedMap(byte[] p) {
        packed = p;
    }
}
