// A whatsapp-web.js bot using polls: sending one, the vote_update event, voting and reading the
// votes. Type-checked, never run, like program.ts: __test__/types.test.js compiles it against
// whatsapp-web.js's types and, with the import changed, against whatsapp-web-rs's.
import { Client, Events, Message, MessageTypes, NoAuth, Poll, PollSendOptions, PollVote } from 'whatsapp-web.js';

const client = new Client({ authStrategy: new NoAuth() });

client.on('message', async (msg: Message) => {
    if (msg.body === '!sendpoll') {
        await msg.reply(new Poll('Winter or Summer?', ['Winter', 'Summer']));
        const options: PollSendOptions = { allowMultipleAnswers: true, messageSecret: undefined };
        const sent: Message = await client.sendMessage(msg.from, new Poll('Cats or Dogs?', ['Cats', 'Dogs'], options));
        const name: string = sent.pollName;
        const multiple: boolean = sent.allowMultipleAnswers;
        console.log(name, multiple, sent.pollOptions.length);
    }
    if (msg.type === MessageTypes.POLL_CREATION) {
        await msg.vote(['Cats']);
        const votes: PollVote[] = await msg.getPollVotes();
        const again: PollVote[] = await client.getPollVotes(msg.id._serialized);
        console.log(votes.length + again.length);
    }
});

client.on('vote_update', (vote: PollVote) => {
    const voter: string = vote.voter;
    const when: number = vote.interractedAtTs;
    const poll: Message = vote.parentMessage;
    console.log(voter, when, poll.pollName, vote.selectedOptions.map((o) => o.name));
});

client.on(Events.VOTE_UPDATE, (vote: PollVote) => console.log(vote.selectedOptions.length));

const poll = new Poll('Lunch?', ['Pizza', 'Sushi']);
console.log(poll.pollName, poll.pollOptions[0].localId, poll.options.allowMultipleAnswers);
