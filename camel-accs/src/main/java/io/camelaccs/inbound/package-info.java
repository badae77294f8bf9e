/**
 * What the two HTTP receivers of the jar ({@code accs-events:webhook} and {@code accs-webhook:}) share: the raw body
 * read up to a bound, PEM keys, and the log of refused requests. Not an API for users: public only so that both
 * component packages can use it.
 */
package io.camelaccs.inbound;
