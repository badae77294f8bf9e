package io.camelaccs.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;

/**
 * {@link Meters} on a Micrometer registry. Loaded only when Micrometer is on the class path ({@link MeterLookup}).
 */
final class MicrometerMeters implements Meters {

    private final MeterRegistry registry;
    private final Map<String, String> tags;
    private final Set<Meter.Id> registered = ConcurrentHashMap.newKeySet();

    MicrometerMeters(MeterRegistry registry, Map<String, String> tags) {
        this.registry = registry;
        this.tags = Map.copyOf(tags);
    }

    @Override
    public <T> void counter(String name, String description, Map<String, String> extra, T source,
                            ToDoubleFunction<T> count) {
        // Micrometer holds the source weakly: its owner (component, consumer) holds it as long as this scope lives
        keep(FunctionCounter.builder(name, source, count).description(description).tags(tags(extra))
                .register(registry));
    }

    @Override
    public <T> void gauge(String name, String description, String baseUnit, Map<String, String> extra, T source,
                          ToDoubleFunction<T> value) {
        keep(Gauge.builder(name, source, value).description(description).baseUnit(baseUnit).tags(tags(extra))
                .strongReference(true).register(registry));
    }

    @Override
    public void timer(String name, String description, Map<String, String> extra, long nanos) {
        Timer timer = Timer.builder(name).description(description).tags(tags(extra)).register(registry);
        keep(timer);
        timer.record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public Meters scope(Map<String, String> extra) {
        Map<String, String> all = new LinkedHashMap<>(tags);
        all.putAll(extra);
        return new MicrometerMeters(registry, all);
    }

    @Override
    public boolean isEnabled() {
        return true;
    }

    @Override
    public void close() {
        for (Meter.Id id : List.copyOf(registered)) {
            registry.remove(id);
            registered.remove(id);
        }
    }

    private void keep(Meter meter) {
        registered.add(meter.getId());
    }

    private List<Tag> tags(Map<String, String> extra) {
        List<Tag> list = new ArrayList<>(tags.size() + extra.size());
        Map<String, String> all = new LinkedHashMap<>(tags);
        all.putAll(extra);
        all.forEach((k, v) -> list.add(Tag.of(k, v == null ? "" : v)));
        return list;
    }
}
