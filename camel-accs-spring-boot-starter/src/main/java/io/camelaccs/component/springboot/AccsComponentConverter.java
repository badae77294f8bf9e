package io.camelaccs.component.springboot;

import java.util.LinkedHashSet;
import java.util.Set;

import io.camelaccs.component.AccsConfiguration;
import io.camelaccs.events.AccsEventsConfiguration;
import io.camelaccs.ims.TokenStore;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.spi.StateRepository;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.springframework.context.ApplicationContext;
import org.springframework.core.convert.TypeDescriptor;
import org.springframework.core.convert.converter.GenericConverter;

/**
 * Lets the object-typed options (of accs and accs-events) name a bean, as camel-spring-boot's component starters do:
 * {@code camel.component.accs.token-store=#bean:sharedTokenStore} (or {@code #sharedTokenStore}) binds the Spring bean
 * of that name.
 */
public class AccsComponentConverter implements GenericConverter {

    private static final Set<Class<?>> BEAN_TYPES
            = Set.of(AccsConfiguration.class, TokenStore.class, StateRepository.class, SSLContextParameters.class,
                    AccsEventsConfiguration.class, IdempotentRepository.class);

    private final ApplicationContext applicationContext;

    public AccsComponentConverter(ApplicationContext applicationContext) {
        this.applicationContext = applicationContext;
    }

    @Override
    public Set<ConvertiblePair> getConvertibleTypes() {
        Set<ConvertiblePair> answer = new LinkedHashSet<>();
        for (Class<?> type : BEAN_TYPES) {
            answer.add(new ConvertiblePair(String.class, type));
        }
        return answer;
    }

    @Override
    public Object convert(Object source, TypeDescriptor sourceType, TypeDescriptor targetType) {
        if (source == null) {
            return null;
        }
        String ref = source.toString().trim();
        if (!ref.startsWith("#")) {
            throw new IllegalArgumentException("A " + targetType.getType().getSimpleName()
                                               + " option takes a bean reference, #bean:name or #name, not '" + ref
                                               + "'");
        }
        ref = ref.startsWith("#bean:") ? ref.substring("#bean:".length()) : ref.substring(1);
        return applicationContext.getBean(ref, targetType.getType());
    }
}
