/// One 20 ms mixer tick: measure every leg, select talkers, mix, limit, encode per group and per speaker (mix-minus).
extension ConferenceMixer {
    /// Mixes one tick into `output` (cleared first; reuse it every tick so nothing is allocated).
    public mutating func tick(into output: inout MixerOutput) {
        output.reset()
        var statistics = MixerTickStatistics()
        statistics.tick = totals.ticks

        for index in participants.indices { measure(index) }

        previousSpeakers.removeAll(keepingCapacity: true)
        previousSpeakers.append(contentsOf: selector.selected)
        eligible.withUnsafeBufferPointer { eligible in
            selectionLevels.withUnsafeBufferPointer { levels in selector.update(eligible: eligible, levels: levels) }
        }
        for speaker in selector.selected where !previousSpeakers.contains(speaker) { totals.speakerChanges += 1 }
        statistics.selectedSpeakers = selector.selected.count

        let roomAnnouncementPlayed = mixSpeakers()
        statistics.isSilent = selector.selected.isEmpty && !roomAnnouncementPlayed
        assignRoles()

        encodeListeners(isSilent: statistics.isSilent, into: &output, statistics: &statistics)
        for index in participants.indices where participants[index].role != .listener {
            encodePrivate(index, roomAnnouncementPlayed: roomAnnouncementPlayed, into: &output, statistics: &statistics)
        }

        totals.ticks += 1
        totals.encoderCalls += UInt64(statistics.encoderCalls)
        totals.encoderFailures += UInt64(statistics.encoderFailures)
        statistics.totals = totals
        output.statistics = statistics
    }

    /// Reads one tick from the leg's ring and updates its speech state, level normalization and eligibility.
    private mutating func measure(_ index: Int) {
        let level = participants[index].readTick()
        participants[index].detector.update(level: level)
        let speaking = participants[index].detector.isSpeaking
        participants[index].normalizer.update(level: level, isSpeaking: speaking)
        eligible[index] = speaking && !participants[index].isMuted
        selectionLevels[index] = participants[index].detector.smoothedLevel
    }

    /// Builds the full mix: each selected speaker's samples after its gain, plus the room announcement. Returns
    /// whether the announcement played.
    private mutating func mixSpeakers() -> Bool {
        let normalizes = configuration.normalizer != nil
        return mix.withUnsafeMutableBufferPointer { mix in
            MixKernels.clear(mix)
            for speaker in selector.selected {
                participants[speaker].contribute(into: mix, normalizing: normalizes)
            }
            return roomAnnouncement.play(into: mix)
        }
    }

    /// Marks speakers, private listeners and listeners; counts each group's listeners; ages idle private encoders.
    private mutating func assignRoles() {
        for group in groups.indices { groups[group].listeners = 0 }
        for index in participants.indices {
            if selector.isSelected(index) {
                participants[index].role = .speaker
            } else if participants[index].prompt.isPlaying {
                participants[index].role = .privateListener
            } else {
                // A leg's own stream starts afresh each time it leaves the shared mix.
                if participants[index].role != .listener { participants[index].limiter.reset() }
                participants[index].role = .listener
                groups[participants[index].group].listeners += 1
            }
            if participants[index].role == .listener, participants[index].encoder != nil {
                participants[index].encoderIdleTicks += 1
                if participants[index].encoderIdleTicks > configuration.encoderRetentionTicks {
                    participants[index].encoder = nil
                }
            } else {
                participants[index].encoderIdleTicks = 0
            }
        }
    }

    /// Limits the full mix once and encodes it once per group that has listeners.
    private mutating func encodeListeners(
        isSilent: Bool, into output: inout MixerOutput, statistics: inout MixerTickStatistics
    ) {
        encoderFrame.withMutableFloatSamples { frame in
            mix.withUnsafeBufferPointer { MixKernels.copy($0, into: frame) }
            listenerLimiter.process(frame)
        }
        for group in groups.indices where groups[group].listeners > 0 {
            let recipientStart = output.recipientStorage.count
            for index in participants.indices
            where participants[index].group == group && participants[index].role == .listener {
                output.appendRecipient(participants[index].id)
            }
            if groups[group].encoder == nil {
                groups[group].encoder = makeEncoder(groups[group].key)
                totals.encodersCreated += 1
            }
            statistics.encodedGroups += 1
            statistics.encoderCalls += 1
            do throws(AudioCodecError) {
                try output.finishPayload(
                    kind: .groupMix, group: groups[group].key, isSilence: isSilent, recipientStart: recipientStart
                ) { (bytes) throws(AudioCodecError) -> Int in
                    try groups[group].encoder!.encode(encoderFrame, into: bytes)
                }
            } catch {
                statistics.encoderFailures += 1
                totals.lastEncoderError = error
            }
        }
    }

    /// Encodes one leg's own mix: mix-minus for a speaker, the full mix plus its prompt for a private listener.
    private mutating func encodePrivate(
        _ index: Int, roomAnnouncementPlayed: Bool, into output: inout MixerOutput,
        statistics: inout MixerTickStatistics
    ) {
        let isSpeaker = participants[index].role == .speaker
        // Silent unless someone else was mixed or an announcement plays.
        var isSilence = selector.selected.count <= (isSpeaker ? 1 : 0) && !roomAnnouncementPlayed
        if participants[index].encoder == nil {
            participants[index].encoder = makeEncoder(groups[participants[index].group].key)
            totals.encodersCreated += 1
        }
        encoderFrame.withMutableFloatSamples { frame in
            mix.withUnsafeBufferPointer { mix in
                if isSpeaker {
                    participants[index].samples.withUnsafeBufferPointer { own in
                        MixKernels.subtract(own, from: mix, into: frame)
                    }
                } else {
                    MixKernels.copy(mix, into: frame)
                }
            }
            if participants[index].prompt.play(into: frame) { isSilence = false }
            participants[index].limiter.process(frame)
        }
        statistics.encoderCalls += 1
        output.appendRecipient(participants[index].id)
        do throws(AudioCodecError) {
            try output.finishPayload(
                kind: isSpeaker ? .mixMinus : .privateMix, group: groups[participants[index].group].key,
                isSilence: isSilence, recipientStart: output.recipientStorage.count - 1
            ) { (bytes) throws(AudioCodecError) -> Int in
                try participants[index].encoder!.encode(encoderFrame, into: bytes)
            }
        } catch {
            statistics.encoderFailures += 1
            totals.lastEncoderError = error
        }
    }
}
