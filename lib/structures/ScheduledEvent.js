'use strict';
// whatsapp-web.js's ScheduledEvent (src/structures/ScheduledEvent.js): the name trimmed, the
// start and end times in seconds, the send options with their defaults (not canceled, no call
// link type). As whatsapp-web.js, the constructor throws for an empty name, a call type other
// than 'voice', 'video' or 'none', and times that are not Dates; here the error has the code
// ERR_INVALID_ARGUMENT. Other bad values are kept as they are: sendMessage() and
// editScheduledEvent() name the problem (src/account/scheduled_events.rs).

class CreateScheduledEventError extends Error {
  constructor(message) {
    super(message);
    this.name = 'CreateScheduledEventError';
    this.code = 'ERR_INVALID_ARGUMENT';
  }
}

const seconds = (date, what) => {
  if (!(date instanceof Date)) throw new CreateScheduledEventError(`Invalid '${what}' parameter value is provided: it must be a Date.`);
  return Math.floor(date.getTime() / 1000);
};
const trimmed = (v) => (typeof v === 'string' ? v.trim() : v);

class ScheduledEvent {
  constructor(name, startTime, options = {}) {
    options = options || {};
    if (!name) throw new CreateScheduledEventError("Empty 'name' parameter value is provided.");
    if (options.callType && !['video', 'voice', 'none'].includes(options.callType)) {
      throw new CreateScheduledEventError("Invalid 'callType' parameter value is provided. Valid values are: 'voice' | 'video' | 'none'.");
    }
    this.name = trimmed(name);
    this.startTimeTs = seconds(startTime, 'startTime');
    this.eventSendOptions = {
      description: trimmed(options.description),
      endTimeTs: options.endTime ? seconds(options.endTime, 'endTime') : null,
      location: trimmed(options.location),
      callType: options.callType,
      isEventCanceled: options.isEventCanceled ?? false,
      messageSecret: options.messageSecret,
    };
  }
}

ScheduledEvent.CreateScheduledEventError = CreateScheduledEventError;

module.exports = ScheduledEvent;
