/// The mixing core: audio and video frames, the codec protocols the conference sees, G.711, mix and layout maths.
