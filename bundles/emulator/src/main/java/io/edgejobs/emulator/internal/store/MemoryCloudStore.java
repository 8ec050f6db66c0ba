package io.edgejobs.emulator.internal.store;

import java.util.List;

/** No data file configured: state lives in memory only and is gone after a restart. */
public final class MemoryCloudStore implements CloudStore {

    @Override
    public StoredState load() {
        return StoredState.EMPTY;
    }

    @Override
    public void write(List<StoreWrite> writes) {
        // nothing to persist: the emulator's maps are the state
    }

    @Override
    public String describe() {
        return "memory";
    }

    @Override
    public void close() {
        // nothing held
    }
}
