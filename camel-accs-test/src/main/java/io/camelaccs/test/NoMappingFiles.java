package io.camelaccs.test;

import java.util.List;

import com.github.tomakehurst.wiremock.standalone.MappingsSource;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.stubbing.StubMappings;

/**
 * A mappings source that loads and saves nothing: by default WireMock would load stub files from a {@code mappings}
 * folder in the working directory, which could change what the simulator answers.
 */
final class NoMappingFiles implements MappingsSource {

    @Override
    public void loadMappingsInto(StubMappings stubMappings) {
        // every stub is registered in code
    }

    @Override
    public void save(List<StubMapping> stubMappings) {
        // nothing is persisted
    }

    @Override
    public void save(StubMapping stubMapping) {
        // nothing is persisted
    }

    @Override
    @SuppressWarnings("removal") // still abstract in WireMock 3, so it must be implemented
    public void remove(StubMapping stubMapping) {
        // nothing is persisted
    }

    @Override
    public void removeAll() {
        // nothing is persisted
    }
}
