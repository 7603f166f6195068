'use strict';
// whatsapp-web.js's Location: coordinates with an optional name, address and URL, to send
// (client.sendMessage(chatId, new Location(lat, lng, { name, address, url }))) or as a
// location message's `location`.
class Location {
  constructor(latitude, longitude, options = {}) {
    this.latitude = latitude;
    this.longitude = longitude;
    this.name = options.name;
    this.address = options.address;
    this.url = options.url;
    this.description = this.name && this.address ? `${this.name}\n${this.address}` : this.name || this.address || '';
  }
}

module.exports = Location;
