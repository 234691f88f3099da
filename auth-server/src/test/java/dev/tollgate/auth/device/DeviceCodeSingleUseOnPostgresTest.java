package dev.tollgate.auth.device;

import dev.tollgate.testsupport.OnPostgres;

@OnPostgres
class DeviceCodeSingleUseOnPostgresTest extends DeviceCodeSingleUseTest {
}
