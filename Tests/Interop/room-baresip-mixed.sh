#!/usr/bin/env bash
# room-baresip.sh with ROOM_MODE=mixed (see there).
ROOM_MODE=mixed TEST_NAME=room-baresip-mixed exec "$(dirname "$0")/room-baresip.sh"
