package io.camelaccs.component;

import java.io.File;

import org.apache.camel.TypeConverterLoaderException;
import org.apache.camel.spi.TypeConverterLoader;
import org.apache.camel.spi.TypeConverterRegistry;
import org.apache.camel.support.SimpleTypeConverter;

/**
 * String to {@link File}, which Camel 4's own converters lack: without it,
 * {@code camel.beans.positions.fileStore = /data/positions.dat} (a FileStateRepository for a sync's watermark, set up
 * in properties or YAML as the guide shows) fails Camel Main's start-up. Registered through
 * {@code META-INF/services/org/apache/camel/TypeConverterLoader}; another converter for the same pair, registered
 * first, is kept.
 */
public final class FileConverterLoader implements TypeConverterLoader {

    @Override
    public void load(TypeConverterRegistry registry) throws TypeConverterLoaderException {
        if (registry.lookup(File.class, String.class) == null) {
            registry.addTypeConverter(File.class, String.class,
                    new SimpleTypeConverter(false, (type, exchange, value) -> new File((String) value)));
        }
    }
}
