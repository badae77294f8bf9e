/**
 * Positions (sync watermarks, journal positions) in a store every pod of an application sees, so that the node that
 * takes over behind {@code master:} continues where the last leader stopped.
 */
package io.camelaccs.state;
