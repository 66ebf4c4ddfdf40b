#!/usr/bin/env bash
# room-baresip.sh with ROOM_MODE=srtp (see there).
ROOM_MODE=srtp TEST_NAME=room-baresip-srtp exec "$(dirname "$0")/room-baresip.sh"
