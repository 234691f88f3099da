package dev.tollgate.auth.journey;

import dev.tollgate.auth.support.Chromium;

@Chromium.Required
class AccountJourneyBrowserTest extends AccountJourney {
}
