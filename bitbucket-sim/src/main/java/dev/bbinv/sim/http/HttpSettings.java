package dev.bbinv.sim.http;

import dev.bbinv.sim.auth.CredentialStore;
import dev.bbinv.sim.estate.Estate;
import dev.bbinv.sim.fault.FaultInjector;
import dev.bbinv.sim.fault.HourlyBudget;
import dev.bbinv.sim.fault.TokenBucketLimiter;
import dev.bbinv.sim.log.RequestLog;
import dev.bbinv.sim.search.CodeSearch;

import java.time.Clock;

/**
 * Everything the HTTP layer needs from the simulator.
 *
 * @param serverBase        the DC base URL, e.g. {@code http://127.0.0.1:7990}
 * @param cloudApiBase      the Cloud API base, e.g. {@code http://127.0.0.1:7990/2.0}
 * @param cloudWebBase      where Cloud html and clone links point, e.g. {@code https://bitbucket.org}
 * @param serverLimitCap    DC's per-request page size cap (read back as {@code limit})
 * @param serverStartStride DC {@code start} positions are {@code index * stride}, so start+size is wrong
 * @param serverVersion     DC version; below 9 repositories carry no {@code defaultBranch}
 * @param serverRateLimit   DC's per-user token bucket (off unless enabled)
 * @param codeSearch        Cloud code search: on/off and its index lag
 */
public record HttpSettings(Estate estate, CredentialStore credentials, FaultInjector faults, HourlyBudget budget,
                           RequestLog log, Clock clock, String serverBase, String cloudApiBase, String cloudWebBase,
                           int serverLimitCap, int serverStartStride, String serverVersion,
                           TokenBucketLimiter serverRateLimit, CodeSearch codeSearch) {
}
