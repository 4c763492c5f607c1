package dev.arouter.usage;

/** The store on the embedded default, H2 (PostgreSQL mode). */
class H2StoreTest extends StoreContract {

    @Override
    String expectedDatabase() {
        return "H2";
    }
}
