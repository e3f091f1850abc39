package cn.township.security;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The realm roles that may call an endpoint at all (DESIGN.md §5; the platform's table is
 * {@code infra/keycloak/access-matrix.csv}). {@link RoleGate} checks it against the verified token before the
 * request's path variables and body are read, so a caller without one of these roles gets 403 whatever they send.
 * Data scope (which case, which village, which household) is the endpoint's own check, afterwards.
 *
 * <p>Every handler under {@code /api/} needs one: an endpoint without it is refused, so a new endpoint stays
 * closed until someone decides who may call it.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface AllowedRoles {

    String[] value();
}
