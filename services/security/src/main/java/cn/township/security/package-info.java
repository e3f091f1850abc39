/** Resource-server security shared by the services: token checks against Keycloak, the caller, data scope. */
package cn.township.security;
