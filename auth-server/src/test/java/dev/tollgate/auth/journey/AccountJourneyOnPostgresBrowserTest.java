package dev.tollgate.auth.journey;

import dev.tollgate.auth.support.Chromium;
import dev.tollgate.testsupport.OnPostgres;

@Chromium.Required
@OnPostgres
class AccountJourneyOnPostgresBrowserTest extends AccountJourney {
}
